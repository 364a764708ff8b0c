using k8s.Models;
using Sriov.Api.Manifests;
using Sriov.Api.Networks;
using Sriov.Api.Policies;

namespace Sriov.Api.Tests.Manifests;

public sealed class ManifestDecoderTests
{
    private static IReadOnlyList<ManifestObject> Decode(string yaml) =>
        ManifestReader.Read(yaml, "in.yaml").SelectMany(ManifestDecoder.Decode).ToList();

    [Fact]
    public void Crd_kind_is_defaulted_by_its_schema_before_decoding()
    {
        var obj = Assert.Single(Decode("""
            apiVersion: sriovnetwork.openshift.io/v1
            kind: SriovNetwork
            metadata: {name: net1, namespace: ns}
            spec: {resourceName: r}
            """));

        var network = Assert.IsType<SriovNetwork>(obj.Value);
        Assert.Equal("info", network.Spec.LogLevel);
        Assert.Equal("ns", obj.Namespace);
        Assert.Equal("in.yaml, document 1 (SriovNetwork ns/net1)", obj.Where);
    }

    [Fact]
    public void Schema_violation_leaves_the_value_null_and_lists_the_errors()
    {
        var obj = Assert.Single(Decode("""
            apiVersion: sriovnetwork.openshift.io/v1
            kind: SriovNetworkNodePolicy
            metadata: {name: p}
            spec: {resourceName: r, nodeSelector: {}, numVfs: -1, nicSelector: {vendor: 8086}}
            """));

        Assert.Null(obj.Value);
        Assert.True(obj.IsKnown);
        Assert.Contains(obj.SchemaErrors, e => e.StartsWith("spec.numVfs: must be greater than or equal to 0", StringComparison.Ordinal));
        Assert.Contains(obj.SchemaErrors, e => e.StartsWith("spec.nicSelector.vendor: must be a string, found the number 8086", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_fields_are_reported_as_pruned()
    {
        var obj = Assert.Single(Decode("""
            apiVersion: sriovnetwork.openshift.io/v1
            kind: SriovNetworkNodePolicy
            metadata: {name: p}
            spec: {resourceName: r, nodeSelector: {}, numVfs: 1, numVF: 2, nicSelector: {vendor: "8086"}}
            """));

        Assert.IsType<SriovNetworkNodePolicy>(obj.Value);
        Assert.Equal(["spec.numVF"], obj.PrunedFields);
    }

    [Fact]
    public void List_is_expanded_and_core_kinds_are_decoded()
    {
        var objs = Decode("""
            apiVersion: v1
            kind: List
            items:
              - {apiVersion: v1, kind: Node, metadata: {name: a, labels: {x: "y"}}}
              - {apiVersion: v1, kind: Namespace, metadata: {name: ns}}
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: v}}
            """);

        Assert.Equal(3, objs.Count);
        Assert.Equal("y", Assert.IsType<V1Node>(objs[0].Value).Metadata.Labels["x"]);
        Assert.IsType<V1Namespace>(objs[1].Value);
        Assert.Equal("v", Assert.IsType<V1ConfigMap>(objs[2].Value).Data["k"]);
        Assert.Equal(2, objs[1].Item);
    }

    [Fact]
    public void Unknown_kind_is_returned_without_a_value()
    {
        var obj = Assert.Single(Decode("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}}"));

        Assert.False(obj.IsKnown);
        Assert.Null(obj.Value);
        Assert.Equal("Deployment", obj.Kind);
    }

    [Fact]
    public void Unquoted_yaml_boolean_name_is_read_as_kubectl_reads_it()
    {
        // "n" is false in YAML 1.1, so kubectl would send a boolean name; the error says how to fix it.
        var e = Assert.Throws<ManifestException>(() => Decode("{apiVersion: v1, kind: Namespace, metadata: {name: n}}"));

        Assert.Contains("metadata.name: expected a string, found false; YAML reads unquoted on/off/yes/no/true/false as booleans", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{kind: Node, metadata: {name: a}}", "a Kubernetes object needs string fields apiVersion and kind")]
    [InlineData("{apiVersion: v1, kind: Node, metadata: {name: a, labels: [1]}}", "in.yaml, document 1 (Node a): metadata.labels: expected a mapping, found a list")]
    public void Bad_object_names_the_document_and_field(string yaml, string message)
    {
        var e = Assert.Throws<ManifestException>(() => Decode(yaml));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
