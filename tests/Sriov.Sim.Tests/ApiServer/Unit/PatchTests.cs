using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Patch;

namespace Sriov.Sim.Tests.ApiServer.Unit;

public class PatchTests
{
    [Theory]
    [InlineData("""{"a":1,"b":{"c":2,"d":3}}""", """{"b":{"c":null,"e":4}}""", """{"a":1,"b":{"d":3,"e":4}}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[3]}""", """{"a":[3]}""")]
    [InlineData("""{"a":1}""", """{"a":{"x":1}}""", """{"a":{"x":1}}""")]
    [InlineData("""{"a":{"x":1}}""", """{"a":2}""", """{"a":2}""")]
    [InlineData("""{"a":1}""", """{}""", """{"a":1}""")]
    public void Merge_patch_follows_rfc7386(string target, string patch, string expected) =>
        AssertJson(expected, JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch)));

    [Theory]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/b","value":2}]""", """{"a":1,"b":2}""")]
    [InlineData("""{"a":[1,3]}""", """[{"op":"add","path":"/a/1","value":2}]""", """{"a":[1,2,3]}""")]
    [InlineData("""{"a":[1]}""", """[{"op":"add","path":"/a/-","value":2}]""", """{"a":[1,2]}""")]
    [InlineData("""{"a":1,"b":2}""", """[{"op":"remove","path":"/a"}]""", """{"b":2}""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"/a","value":5}]""", """{"a":5}""")]
    [InlineData("""{"a":{"x":1}}""", """[{"op":"move","from":"/a/x","path":"/y"}]""", """{"a":{},"y":1}""")]
    [InlineData("""{"a":{"x":1}}""", """[{"op":"copy","from":"/a","path":"/b"}]""", """{"a":{"x":1},"b":{"x":1}}""")]
    [InlineData("""{"a/b":1,"c~d":2}""", """[{"op":"replace","path":"/a~1b","value":3},{"op":"remove","path":"/c~0d"}]""", """{"a/b":3}""")]
    [InlineData("""{"a":1}""", """[{"op":"test","path":"/a","value":1},{"op":"add","path":"/t","value":true}]""", """{"a":1,"t":true}""")]
    public void Json_patch_follows_rfc6902(string target, string patch, string expected) =>
        AssertJson(expected, JsonPatch.Apply(JsonNode.Parse(target)!, JsonNode.Parse(patch)));

    [Theory]
    [InlineData("""[{"op":"test","path":"/a","value":2}]""", "testing value /a failed")]
    [InlineData("""[{"op":"remove","path":"/missing"}]""", "missing path")]
    [InlineData("""[{"op":"add","path":"/x/y","value":1}]""", "missing path")]
    [InlineData("""[{"op":"frobnicate","path":"/a"}]""", "unsupported op")]
    [InlineData("""{"op":"add"}""", "must be an array")]
    public void Json_patch_failures_are_422(string patch, string detail)
    {
        var e = Assert.Throws<ApiException>(() => JsonPatch.Apply(JsonNode.Parse("""{"a":1}""")!, JsonNode.Parse(patch)));
        Assert.Equal(422, e.Code);
        Assert.Contains(detail, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strategic_merge_merges_containers_by_name_and_keeps_unpatched_fields()
    {
        var target = JsonNode.Parse("""
            {"spec":{"template":{"spec":{"containers":[
              {"name":"a","image":"a:1","ports":[{"containerPort":80,"name":"http"}]},
              {"name":"b","image":"b:1"}]}}}}
            """);
        var patch = JsonNode.Parse("""
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],
              "containers":[{"name":"a","image":"a:2"}]}}}}
            """);
        AssertJson("""
            {"spec":{"template":{"spec":{"containers":[
              {"name":"b","image":"b:1"},
              {"name":"a","image":"a:2","ports":[{"containerPort":80,"name":"http"}]}]}}}}
            """, StrategicMergePatch.Apply(target, patch, BuiltinMergeKeys.For));
    }

    [Fact]
    public void Strategic_merge_directives_delete_replace_and_primitive_sets()
    {
        var target = JsonNode.Parse("""
            {"metadata":{"finalizers":["a","b"],"labels":{"x":"1","y":"2"}},
             "spec":{"containers":[{"name":"a"},{"name":"b"}],"env":{"k":"v"}}}
            """);
        var patch = JsonNode.Parse("""
            {"metadata":{"finalizers":["c"],"$deleteFromPrimitiveList/finalizers":["a"],"labels":{"$patch":"replace","z":"3"}},
             "spec":{"containers":[{"name":"b","$patch":"delete"}],"env":{"$patch":"delete"}}}
            """);
        AssertJson("""
            {"metadata":{"finalizers":["b","c"],"labels":{"z":"3"}},"spec":{"containers":[{"name":"a"}]}}
            """, StrategicMergePatch.Apply(target, patch, BuiltinMergeKeys.For));
    }

    [Fact]
    public void Strategic_merge_replaces_lists_without_a_merge_key()
    {
        var result = StrategicMergePatch.Apply(JsonNode.Parse("""{"spec":{"tolerations":[{"key":"a"}]}}"""),
            JsonNode.Parse("""{"spec":{"tolerations":[{"key":"b"}]}}"""), BuiltinMergeKeys.For);
        AssertJson("""{"spec":{"tolerations":[{"key":"b"}]}}""", result);
    }

    [Fact]
    public void Schema_merge_keys_follow_list_type_map()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
              "groups":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
                        "items":{"type":"object"}},
              "tags":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
              "plain":{"type":"array","items":{"type":"string"}}}}}}
            """)!.AsObject();
        var rules = SchemaMergeKeys.For(schema);
        Assert.Equal(new ListMerge("name"), rules("spec.groups"));
        Assert.Equal(new ListMerge(null), rules("spec.tags"));
        Assert.Null(rules("spec.plain"));
        Assert.Null(rules("spec.nothing"));
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual),
            $"expected {JsonNode.Parse(expected)!.ToJsonString()}\n  actual {actual?.ToJsonString()}");
}
