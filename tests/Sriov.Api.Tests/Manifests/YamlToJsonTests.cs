using Sriov.Api.Manifests;

namespace Sriov.Api.Tests.Manifests;

/// <summary>YAML scalars resolve as kubectl resolves them (YAML 1.1 via go-yaml v2).</summary>
public sealed class YamlToJsonTests
{
    [Theory]
    [InlineData("v: 8086", "8086")]
    [InlineData("v: \"8086\"", "\"8086\"")]
    [InlineData("v: '8086'", "\"8086\"")]
    [InlineData("v: 158b", "\"158b\"")]
    [InlineData("v: 0x1F", "31")]
    [InlineData("v: 017", "15")]
    [InlineData("v: 089", "89")]
    [InlineData("v: -3", "-3")]
    [InlineData("v: 1_000", "1000")]
    [InlineData("v: 1.5", "1.5")]
    [InlineData("v: 1e3", "1000")]
    [InlineData("v: on", "true")]
    [InlineData("v: Off", "false")]
    [InlineData("v: yes", "true")]
    [InlineData("v: n", "false")]
    [InlineData("v: TRUE", "true")]
    [InlineData("v: \"on\"", "\"on\"")]
    [InlineData("v: ~", "null")]
    [InlineData("v:", "null")]
    [InlineData("v: null", "null")]
    [InlineData("v: \"\"", "\"\"")]
    [InlineData("v: 0000:3b:00.0", "\"0000:3b:00.0\"")]
    [InlineData("v: 25%", "\"25%\"")]
    [InlineData("v: !!str 12", "\"12\"")]
    [InlineData("v: !!int \"12\"", "12")]
    [InlineData("v: 802.1q", "\"802.1q\"")]
    [InlineData("v: |\n  a\n  b\n", "\"a\\nb\\n\"")]
    [InlineData("v: [1, \"a\", true]", "[1,\"a\",true]")]
    [InlineData("v: {a: 1}", "{\"a\":1}")]
    public void Scalar_resolves_like_kubectl(string yaml, string json)
    {
        var doc = Assert.Single(ManifestReader.Read(yaml, "t.yaml"));

        Assert.Equal(json, doc.Json["v"]?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Merge_keys_copy_missing_keys_and_local_keys_win()
    {
        var doc = Assert.Single(ManifestReader.Read("base: &b {a: 1, b: 2}\nv:\n  <<: *b\n  b: 3\n", "t.yaml"));

        Assert.Equal("""{"a":1,"b":3}""", doc.Json["v"]!.ToJsonString().Replace("{\"b\":3,\"a\":1}", "{\"a\":1,\"b\":3}", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_key_is_an_error_naming_the_file_document_and_line()
    {
        var e = Assert.Throws<ManifestException>(() => ManifestReader.Read("a: 1\n---\nb: 1\nb: 2\n", "dup.yaml"));

        Assert.StartsWith("dup.yaml, document 2: invalid YAML at line 4", e.Message, StringComparison.Ordinal);
        Assert.Contains("uplicate key", e.Message, StringComparison.Ordinal);
    }
}
