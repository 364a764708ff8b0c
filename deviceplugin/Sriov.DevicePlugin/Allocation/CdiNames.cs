namespace Sriov.DevicePlugin.Allocation;

/// <summary>
/// The CDI names upstream uses (container-device-interface v0.5): kind <c>&lt;prefix&gt;/&lt;cdiKind&gt;</c>, qualified device
/// names <c>&lt;kind&gt;=&lt;id&gt;</c>, the pod annotation <c>cdi.k8s.io/&lt;prefix&gt;_&lt;cdiKind&gt;</c>, and the spec file
/// <c>sriov-dp-&lt;prefix&gt;-&lt;cdiKind&gt;-&lt;resourceName&gt;.yaml</c>.
/// </summary>
internal static class CdiNames
{
    public const string FilePrefix = "sriov-dp-";

    public static string Kind(string prefix, string cdiKind) => prefix + "/" + cdiKind;

    public static string Annotation(string prefix, string cdiKind) => "cdi.k8s.io/" + prefix + "_" + cdiKind;

    public static string QualifiedDevice(string prefix, string cdiKind, string id) => Kind(prefix, cdiKind) + "=" + id;

    public static string SpecFile(string prefix, string cdiKind, string resourceName) =>
        FilePrefix + prefix + "-" + cdiKind + "-" + resourceName + ".yaml";
}
