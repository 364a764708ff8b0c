using System.Text.Json.Nodes;
using Sriov.Api.Manifests;
using Sriov.Api.Schema;

namespace Sriov.Api.Tests.Schema;

/// <summary>The schema engine against a small CRD that uses every keyword our CRDs use.</summary>
public sealed class SchemaWalkerTests
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: things.example.com}
        spec:
          group: example.com
          names: {kind: Thing, plural: things}
          scope: Namespaced
          versions:
            - name: v1
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    apiVersion: {type: string}
                    kind: {type: string}
                    metadata: {type: object}
                    spec:
                      type: object
                      required: [name]
                      properties:
                        name: {type: string, minLength: 2, maxLength: 5, pattern: "^[a-z]+$"}
                        count: {type: integer, minimum: 0, maximum: 10}
                        mode: {type: string, default: fast, enum: [fast, slow]}
                        flag: {type: boolean}
                        labels: {type: object, additionalProperties: {type: string}}
                        items: {type: array, maxItems: 2, items: {type: string}}
                        limit: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                        when: {type: string, format: date-time}
                        conditions:
                          type: array
                          x-kubernetes-list-type: map
                          x-kubernetes-list-map-keys: [type]
                          items: {type: object, properties: {type: {type: string}}}
                        nested: {type: object, properties: {inner: {type: integer, default: 3}}}
                        free: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;

    private static readonly CrdSchema Schema = CrdSchemaSet.FromCrds(ManifestReader.Read(Crd, "test-crd.yaml")).Schemas.Single();

    [Theory]
    [InlineData("""{"name":"ab"}""", null)]
    [InlineData("""{}""", "spec.name: is required")]
    [InlineData("""{"name":"a"}""", "spec.name: must be at least 2 characters long")]
    [InlineData("""{"name":"abcdef"}""", "spec.name: must be at most 5 characters long")]
    [InlineData("""{"name":"AB"}""", "spec.name: \"AB\" does not match the pattern ^[a-z]+$")]
    [InlineData("""{"name":"ab","count":-1}""", "spec.count: must be greater than or equal to 0, found -1")]
    [InlineData("""{"name":"ab","count":11}""", "spec.count: must be less than or equal to 10, found 11")]
    [InlineData("""{"name":"ab","count":1.5}""", "spec.count: must be an integer, found the number 1.5")]
    [InlineData("""{"name":"ab","count":"3"}""", "spec.count: must be an integer, found the string \"3\" (remove the quotes)")]
    [InlineData("""{"name":"ab","mode":"medium"}""", "spec.mode: \"medium\" is not one of the allowed values \"fast\", \"slow\"")]
    [InlineData("""{"name":true}""", "spec.name: must be a string, found true (YAML reads unquoted on/off/yes/no/true/false as booleans: quote the value)")]
    [InlineData("""{"name":8086}""", "spec.name: must be a string, found the number 8086 (quote values that are strings but look like numbers")]
    [InlineData("""{"name":"ab","flag":"yes"}""", "spec.flag: must be true or false, found the string \"yes\"")]
    [InlineData("""{"name":"ab","labels":{"a":1}}""", "spec.labels[a]: must be a string, found the number 1")]
    [InlineData("""{"name":"ab","items":["a","b","c"]}""", "spec.items: must have at most 2 items, found 3")]
    [InlineData("""{"name":"ab","items":[1]}""", "spec.items[0]: must be a string")]
    [InlineData("""{"name":"ab","limit":5}""", null)]
    [InlineData("""{"name":"ab","limit":"25%"}""", null)]
    [InlineData("""{"name":"ab","limit":true}""", "spec.limit: must be an integer or a string, found true")]
    [InlineData("""{"name":"ab","when":"2026-01-02T03:04:05Z"}""", null)]
    [InlineData("""{"name":"ab","when":"yesterday"}""", "spec.when: \"yesterday\" is not an RFC 3339 date-time")]
    [InlineData("""{"name":"ab","conditions":[{"type":"Ready"},{"type":"Ready"}]}""", "spec.conditions[1]: duplicate entry with key \"Ready\"")]
    [InlineData("""{"name":"ab","nested":"x"}""", "spec.nested: must be a mapping, found the string \"x\"")]
    public void Validates_each_keyword(string spec, string? error)
    {
        var result = Schema.Apply(Thing(spec));

        if (error is null)
        {
            Assert.Empty(result.Errors);
        }
        else
        {
            Assert.Contains(result.Errors, e => e.StartsWith(error, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Defaults_absent_fields_including_inside_present_objects_only()
    {
        var obj = Thing("""{"name":"ab","nested":{}}""");

        Schema.Apply(obj);

        Assert.Equal("fast", (string?)obj["spec"]!["mode"]);
        Assert.Equal("3", obj["spec"]!["nested"]!["inner"]!.ToJsonString());
        Assert.False(Thing("""{"name":"ab"}""") is var o && Schema.Apply(o) is not null && o["spec"]!.AsObject().ContainsKey("nested"));
    }

    [Fact]
    public void Explicit_value_is_not_replaced_by_the_default()
    {
        var obj = Thing("""{"name":"ab","mode":"slow"}""");

        Schema.Apply(obj);

        Assert.Equal("slow", (string?)obj["spec"]!["mode"]);
    }

    [Fact]
    public void Prunes_undeclared_fields_and_reports_their_paths_but_keeps_metadata_and_preserved_objects()
    {
        var obj = Thing("""{"name":"ab","numVF":3,"free":{"anything":1}}""");
        obj["metadata"] = new JsonObject { ["name"] = "x", ["labels"] = new JsonObject { ["a"] = "b" } };
        obj["extra"] = 1;

        var result = Schema.Apply(obj);

        Assert.Equal(["spec.numVF", "extra"], result.Pruned.Order(StringComparer.Ordinal).Reverse());
        Assert.False(obj["spec"]!.AsObject().ContainsKey("numVF"));
        Assert.Equal("1", obj["spec"]!["free"]!["anything"]!.ToJsonString());
        Assert.Equal("b", (string?)obj["metadata"]!["labels"]!["a"]);
    }

    [Fact]
    public void Null_fields_are_dropped_and_then_defaulted()
    {
        var obj = Thing("""{"name":"ab","mode":null,"count":null}""");

        var result = Schema.Apply(obj);

        Assert.Empty(result.Errors);
        Assert.Equal("fast", (string?)obj["spec"]!["mode"]);
        Assert.False(obj["spec"]!.AsObject().ContainsKey("count"));
    }

    [Fact]
    public void Embedded_set_holds_every_crd_of_deploy_crds()
    {
        var files = Directory.GetFiles(RepoPaths.Crds, "*.yaml").Length;

        Assert.Equal(files, CrdSchemaSet.Embedded.Schemas.Count());
        Assert.True(CrdSchemaSet.Embedded.TryGet("sriovnetwork.openshift.io/v1", "SriovNetworkNodePolicy", out var policy));
        Assert.Equal("sriovnetworknodepolicies", policy.Plural);
    }

    private static JsonObject Thing(string spec) => new()
    {
        ["apiVersion"] = "example.com/v1",
        ["kind"] = "Thing",
        ["spec"] = JsonNode.Parse(spec),
    };
}
