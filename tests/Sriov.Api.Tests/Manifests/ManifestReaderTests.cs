using Sriov.Api.Manifests;

namespace Sriov.Api.Tests.Manifests;

public sealed class ManifestReaderTests
{
    [Fact]
    public void Multi_document_yaml_skips_empty_documents_but_counts_them()
    {
        var docs = ManifestReader.Read("---\na: 1\n---\n---\nb: 2\n", "m.yaml");

        Assert.Equal([1, 3], docs.Select(d => d.Index));
        Assert.Equal("m.yaml, document 3", docs[1].Where);
    }

    [Fact]
    public void Json_file_may_hold_several_values_and_tabs()
    {
        var docs = ManifestReader.Read("{\n\t\"a\": 1\n}\n{\"b\": 2}", "m.json");

        Assert.Equal(2, docs.Count);
        Assert.Equal("1", docs[0].Json["a"]!.ToJsonString());
    }

    [Fact]
    public void Yaml_flow_mapping_in_a_yaml_file_is_read_as_yaml()
    {
        var doc = Assert.Single(ManifestReader.Read("{a: 1}", "m.yaml"));

        Assert.Equal("1", doc.Json["a"]!.ToJsonString());
    }

    [Theory]
    [InlineData("a: [1\n", "bad.yaml", "bad.yaml, document 1: invalid YAML at line")]
    [InlineData("a: 1\n---\nb: [\n", "bad.yaml", "bad.yaml, document 2: invalid YAML at line")]
    [InlineData("{\"a\": }", "bad.json", "bad.json, document 1: invalid JSON at line 1")]
    [InlineData("- 1\n- 2\n", "list.yaml", "list.yaml, document 1: expected a Kubernetes object")]
    public void Malformed_input_names_the_source_and_document(string text, string source, string message)
    {
        var e = Assert.Throws<ManifestException>(() => ManifestReader.Read(text, source));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
