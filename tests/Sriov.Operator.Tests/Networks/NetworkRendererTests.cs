using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.NetworkAttachments;
using Sriov.Api.Networks;
using Sriov.Operator.Networks;
using Sriov.Operator.Tests.Fixtures;

namespace Sriov.Operator.Tests.Networks;

/// <summary>Network CR → NAD outcomes (operator.md §3.1, §3.3).</summary>
public sealed class NetworkRendererTests
{
    private static SriovNetwork Net(string ns = "demo", string? target = null, Action<SriovNetworkSpec>? edit = null)
    {
        var n = new SriovNetwork
        {
            Metadata = new V1ObjectMeta { Name = "n", NamespaceProperty = ns, Uid = "uid-n" },
            Spec = new SriovNetworkSpec { ResourceName = "r", NetworkNamespace = target },
        };
        edit?.Invoke(n.Spec);
        return n;
    }

    [Fact]
    public void Network_namespace_outside_the_operator_namespace_is_invalid()
    {
        var r = NetworkRenderer.Render(Net("demo", "other"), Make.Settings, null, []);

        Assert.False(r.Ready);
        Assert.Null(r.Nad);
        Assert.Equal(NetworkRenderer.ReasonInvalid, r.Reason);
        Assert.Equal("spec.networkNamespace cannot be set when the resource is not in the operator namespace (sriov-network-operator)", r.Message);
    }

    [Fact]
    public void Missing_target_namespace_is_reported_when_namespaces_are_known()
    {
        var r = NetworkRenderer.Render(Net(Make.Ns, "app"), Make.Settings, ["default"], []);

        Assert.Equal((false, NetworkRenderer.ReasonNamespaceNotFound, "target namespace \"app\" does not exist"), (r.Ready, r.Reason, r.Message));
    }

    [Fact]
    public void Nad_owned_by_another_network_is_left_alone()
    {
        var other = new NetworkAttachmentDefinition
        {
            Metadata = new V1ObjectMeta
            {
                Name = "n",
                NamespaceProperty = "demo",
                Annotations = new Dictionary<string, string> { [SriovAnnotations.NadOwnerRef] = "SriovNetwork.sriovnetwork.openshift.io/sriov-network-operator/n" },
            },
        };

        var r = NetworkRenderer.Render(Net(), Make.Settings, null, [other]);

        Assert.False(r.Ready);
        Assert.Contains("already exists and is owned by SriovNetwork.sriovnetwork.openshift.io/sriov-network-operator/n", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nad_without_owner_annotation_is_adopted()
    {
        var unowned = new NetworkAttachmentDefinition { Metadata = new V1ObjectMeta { Name = "n", NamespaceProperty = "demo" } };

        Assert.True(NetworkRenderer.Render(Net(), Make.Settings, null, [unowned]).Ready);
    }

    [Fact]
    public void Changed_target_namespace_asks_to_delete_the_old_nad()
    {
        var n = Net(Make.Ns, "new");
        n.Metadata.Annotations = new Dictionary<string, string> { [SriovAnnotations.LastNetworkNamespace] = "old" };

        var r = NetworkRenderer.Render(n, Make.Settings, null, []);

        Assert.Equal("old", r.DeleteFromNamespace);
        Assert.Equal("new", r.Nad!.Metadata.NamespaceProperty);
        Assert.Null(r.Nad.Metadata.OwnerReferences); // cross-namespace
    }

    [Fact]
    public void Resource_prefix_comes_from_the_settings()
    {
        var r = NetworkRenderer.Render(Net(), new Operator.Render.RenderSettings(Make.Ns, "intel.com"), null, []);

        Assert.Equal("intel.com/r", r.Nad!.Metadata.Annotations[SriovAnnotations.NadResourceName]);
    }

    [Theory]
    [InlineData("{\"type\": ", null, null, "spec.ipam is not valid JSON")]
    [InlineData("[1]", null, null, "spec.ipam must be a JSON object such as {\"type\": \"host-local\"")]
    [InlineData(null, "mac", null, "spec.capabilities is not valid JSON")]
    [InlineData(null, null, "{\"type\": \"a\"} {\"type\": \"b\"}", "spec.metaPlugins is not valid JSON")]
    [InlineData(null, null, "{\"mtu\": 9000}", "spec.metaPlugins: every plugin needs a \"type\"")]
    [InlineData(null, null, "\"tuning\"", "spec.metaPlugins must be CNI plugin objects")]
    public void Broken_json_fields_make_the_network_invalid_with_a_message_naming_the_field(string? ipam, string? capabilities, string? meta, string message)
    {
        var r = NetworkRenderer.Render(Net(edit: s => { s.Ipam = ipam; s.Capabilities = capabilities; s.MetaPlugins = meta; }), Make.Settings, null, []);

        Assert.False(r.Ready);
        Assert.StartsWith(message, r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Whitespace_only_ipam_means_an_empty_object()
    {
        var r = NetworkRenderer.Render(Net(edit: s => s.Ipam = "  \n "), Make.Settings, null, []);

        Assert.Contains("\"ipam\": {}", r.Nad!.Spec.Config, StringComparison.Ordinal);
    }
}
