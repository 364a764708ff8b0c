using System.Text.Json.Nodes;
using Sriov.Api.Manifests;

namespace Sriov.Api.Tests.Crds;

/// <summary>Names, scope, subresources and printer columns of each CRD, as operator.md §1 lists them.</summary>
public sealed class CrdStructureTests
{
    private const string Ready = "Ready=.status.conditions[?(@.type==\"Ready\")].status";
    private const string Age = "Age=.metadata.creationTimestamp";

    public static TheoryData<string, string, string, bool, string[]> Crds() => new()
    {
        { "sriovnetwork.openshift.io_sriovnetworknodepolicies.yaml", "SriovNetworkNodePolicy", "sriovnetworknodepolicies", true, [] },
        {
            "sriovnetwork.openshift.io_sriovnetworknodestates.yaml", "SriovNetworkNodeState", "sriovnetworknodestates", true,
            [
                "Sync Status=.status.syncStatus",
                "Desired Sync State=.metadata.annotations.sriovnetwork\\.openshift\\.io/desired-state",
                "Current Sync State=.metadata.annotations.sriovnetwork\\.openshift\\.io/current-state",
                Age,
            ]
        },
        { "sriovnetwork.openshift.io_sriovnetworks.yaml", "SriovNetwork", "sriovnetworks", true, [Ready, Age] },
        { "sriovnetwork.openshift.io_sriovibnetworks.yaml", "SriovIBNetwork", "sriovibnetworks", true, [Ready, Age] },
        { "sriovnetwork.openshift.io_ovsnetworks.yaml", "OVSNetwork", "ovsnetworks", true, [Ready, Age] },
        { "sriovnetwork.openshift.io_sriovoperatorconfigs.yaml", "SriovOperatorConfig", "sriovoperatorconfigs", true, [Ready, Age] },
        { "sriovnetwork.openshift.io_sriovnetworkpoolconfigs.yaml", "SriovNetworkPoolConfig", "sriovnetworkpoolconfigs", true, [] },
        { "k8s.cni.cncf.io_network-attachment-definitions.yaml", "NetworkAttachmentDefinition", "network-attachment-definitions", false, [] },
    };

    [Theory]
    [MemberData(nameof(Crds))]
    public void Crd_has_upstream_names_scope_subresources_and_columns(string file, string kind, string plural, bool statusSubresource, string[] columns)
    {
        var path = Path.Combine(RepoPaths.Crds, file);
        var crd = Assert.Single(ManifestReader.Read(File.ReadAllText(path), path)).Json;
        var spec = crd["spec"]!;
        var group = (string)spec["group"]!;

        Assert.Equal("CustomResourceDefinition", (string?)crd["kind"]);
        Assert.Equal($"{plural}.{group}", (string?)crd["metadata"]!["name"]);
        Assert.Equal(kind, (string?)spec["names"]!["kind"]);
        Assert.Equal(plural, (string?)spec["names"]!["plural"]);
        Assert.Equal(kind + "List", (string?)spec["names"]!["listKind"]);
        Assert.Equal("Namespaced", (string?)spec["scope"]);
        var version = Assert.Single(spec["versions"]!.AsArray())!;
        Assert.Equal("v1", (string?)version["name"]);
        Assert.True((bool)version["served"]! && (bool)version["storage"]!);
        Assert.Equal(statusSubresource, version["subresources"]?["status"] is JsonObject);
        var printed = (version["additionalPrinterColumns"] as JsonArray ?? [])
            .Select(c => $"{c!["name"]}={c["jsonPath"]}").ToArray();
        Assert.Equal(columns, printed);
        if (group == "sriovnetwork.openshift.io")
        {
            Assert.Null(spec["names"]!["shortNames"]); // upstream defines none
        }
    }
}
