using Sriov.Api.Networks;

namespace Sriov.Operator.Networks;

/// <summary>The <c>ib-sriov</c> CNI config of a SriovIBNetwork (operator.md §3.2): no VLAN keys, no log settings.</summary>
internal static class IbSriovCniConfig
{
    public static string Render(SriovIBNetwork network)
    {
        var s = network.Spec;
        return CniConfigWriter.Write(network.Metadata.Name, s.MetaPlugins, w =>
        {
            w.WriteString("type", "ib-sriov");
            CniConfigWriter.WriteObject(w, "capabilities", s.Capabilities, "spec.capabilities");
            CniConfigWriter.WriteIfSet(w, "link_state", s.LinkState);
            CniConfigWriter.WriteIpam(w, s.Ipam);
        });
    }
}
