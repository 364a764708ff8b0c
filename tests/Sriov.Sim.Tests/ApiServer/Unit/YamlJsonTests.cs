using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Patch;

namespace Sriov.Sim.Tests.ApiServer.Unit;

public class YamlJsonTests
{
    [Theory]
    [InlineData("a: 1", """{"a":1}""")]
    [InlineData("a: -12", """{"a":-12}""")]
    [InlineData("a: 1.5", """{"a":1.5}""")]
    [InlineData("a: \"1\"", """{"a":"1"}""")]
    [InlineData("a: '8086'", """{"a":"8086"}""")]
    [InlineData("a: true", """{"a":true}""")]
    [InlineData("a: on", """{"a":true}""")]
    [InlineData("a: \"on\"", """{"a":"on"}""")]
    [InlineData("a: off", """{"a":false}""")]
    [InlineData("a: null", """{"a":null}""")]
    [InlineData("a: ~", """{"a":null}""")]
    [InlineData("a:", """{"a":null}""")]
    [InlineData("a: text", """{"a":"text"}""")]
    [InlineData("a: [1, x]", """{"a":[1,"x"]}""")]
    [InlineData("a: {}", """{"a":{}}""")]
    [InlineData("{\"a\": {\"b\": \"c\"}}", """{"a":{"b":"c"}}""")]
    public void Plain_scalars_are_typed_as_sigs_k8s_io_yaml_does(string yaml, string json) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), YamlJson.Parse(yaml)),
            $"{yaml} -> {YamlJson.Parse(yaml)?.ToJsonString()}");

    [Fact]
    public void Multi_document_files_yield_each_non_empty_document()
    {
        var docs = YamlJson.ParseAll("a: 1\n---\n---\nb: 2\n");
        Assert.Equal(2, docs.Count);
    }
}
