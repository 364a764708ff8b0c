using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Schema;

namespace Sriov.Sim.Tests.ApiServer.Unit;

public class SchemaTests
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {"type":"object","properties":{
          "apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},
          "spec":{"type":"object","required":["name","count"],"properties":{
            "name":{"type":"string","pattern":"^[a-z]+$","maxLength":8,"minLength":2},
            "count":{"type":"integer","minimum":0,"maximum":10},
            "ratio":{"type":"number","exclusiveMaximum":true,"maximum":1},
            "mode":{"type":"string","enum":["a","b"],"default":"a"},
            "port":{"x-kubernetes-int-or-string":true},
            "opt":{"type":"string","nullable":true},
            "labels":{"type":"object","additionalProperties":{"type":"string"}},
            "tags":{"type":"array","maxItems":2,"x-kubernetes-list-type":"set","items":{"type":"string"}},
            "groups":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["id"],
              "items":{"type":"object","properties":{"id":{"type":"string"},"n":{"type":"integer","default":1}}}},
            "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
            "nested":{"type":"object","default":{},"properties":{"flag":{"type":"boolean","default":true}}}}},
          "status":{"type":"object","properties":{"phase":{"type":"string"}}}}}
        """)!.AsObject();

    [Theory]
    [InlineData("""{"spec":{"name":"abc","count":3}}""", "")]
    [InlineData("""{"spec":{"count":3}}""", "spec.name: Required value")]
    [InlineData("""{"spec":{"name":"abc","count":"3"}}""", "spec.count: Invalid value: \"string\": spec.count in body must be of type integer: \"string\"")]
    [InlineData("""{"spec":{"name":"abc","count":11}}""", "spec.count: Invalid value: 11: spec.count in body should be less than or equal to 10")]
    [InlineData("""{"spec":{"name":"abc","count":-1}}""", "spec.count: Invalid value: -1: spec.count in body should be greater than or equal to 0")]
    [InlineData("""{"spec":{"name":"abc","count":1,"ratio":1}}""", "spec.ratio in body should be less than 1")]
    [InlineData("""{"spec":{"name":"abc","count":1,"ratio":0.5}}""", "")]
    [InlineData("""{"spec":{"name":"ABC","count":1}}""", "spec.name: Invalid value: \"ABC\": spec.name in body should match '^[a-z]+$'")]
    [InlineData("""{"spec":{"name":"abcdefghij","count":1}}""", "spec.name: Too long: may not be more than 8 bytes")]
    [InlineData("""{"spec":{"name":"a","count":1}}""", "spec.name in body should be at least 2 chars long")]
    [InlineData("""{"spec":{"name":"abc","count":1,"mode":"c"}}""", "spec.mode: Unsupported value: \"c\": supported values: \"a\", \"b\"")]
    [InlineData("""{"spec":{"name":"abc","count":1,"port":8080}}""", "")]
    [InlineData("""{"spec":{"name":"abc","count":1,"port":"http"}}""", "")]
    [InlineData("""{"spec":{"name":"abc","count":1,"port":true}}""", "spec.port in body must be of type integer or string")]
    [InlineData("""{"spec":{"name":"abc","count":1,"opt":null}}""", "")]
    [InlineData("""{"spec":{"name":"abc","count":1,"labels":{"x":1}}}""", "spec.labels.x: Invalid value: \"integer\"")]
    [InlineData("""{"spec":{"name":"abc","count":1,"tags":["a","b","c"]}}""", "spec.tags: Too many: 3: must have at most 2 items")]
    [InlineData("""{"spec":{"name":"abc","count":1,"tags":["a","a"]}}""", "spec.tags[1]: Duplicate value: \"a\"")]
    [InlineData("""{"spec":{"name":"abc","count":1,"groups":[{"id":"x"},{"id":"x"}]}}""", "spec.groups[1]: Duplicate value")]
    [InlineData("""{"spec":{"name":"abc","count":1.0}}""", "")]
    [InlineData("""{"spec":{"name":"abc","count":1.5}}""", "must be of type integer: \"number\"")]
    public void Validates_with_the_api_servers_paths_and_wording(string json, string expected)
    {
        var errors = SchemaValidator.Validate(JsonNode.Parse(json)!.AsObject(), Schema);
        if (expected.Length == 0)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Prunes_undeclared_fields_keeping_preserved_and_additional_ones()
    {
        var obj = JsonNode.Parse("""
            {"apiVersion":"x/v1","kind":"K","metadata":{"name":"n","bogus":1},
             "spec":{"name":"abc","count":1,"extra":1,"labels":{"any":"v"},"free":{"whatever":{"deep":1}},
                     "groups":[{"id":"a","junk":true}]},
             "top":1}
            """)!.AsObject();
        var pruned = SchemaPruner.Prune(obj, Schema);
        Assert.Equal(["metadata.bogus", "spec.extra", "spec.groups[0].junk", "top"], pruned.Order(StringComparer.Ordinal));
        Assert.Null(obj["top"]);
        Assert.Null(obj["spec"]!["extra"]);
        Assert.Equal("v", (string?)obj["spec"]!["labels"]!["any"]);
        Assert.Equal(1, (int?)obj["spec"]!["free"]!["whatever"]!["deep"]);
        Assert.Equal("n", (string?)obj["metadata"]!["name"]);
        Assert.Null(obj["metadata"]!["bogus"]);
    }

    [Fact]
    public void Applies_defaults_recursively_and_replaces_non_nullable_nulls()
    {
        var obj = JsonNode.Parse("""{"spec":{"name":"abc","count":1,"mode":null,"groups":[{"id":"a"},{"id":"b","n":5}]}}""")!.AsObject();
        SchemaDefaulter.Apply(obj, Schema);
        Assert.Equal("a", (string?)obj["spec"]!["mode"]);
        Assert.Equal(1, (int?)obj["spec"]!["groups"]![0]!["n"]);
        Assert.Equal(5, (int?)obj["spec"]!["groups"]![1]!["n"]);
        Assert.True((bool?)obj["spec"]!["nested"]!["flag"]);
    }
}
