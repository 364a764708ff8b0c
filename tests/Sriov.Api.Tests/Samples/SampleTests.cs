using System.Text.Json;
using System.Text.Json.Nodes;
using Sriov.Api.Json;
using Sriov.Api.Manifests;
using Sriov.Api.Schema;

namespace Sriov.Api.Tests.Samples;

/// <summary>Every document of deploy/samples satisfies its CRD schema and survives a trip through the C# types.</summary>
public sealed class SampleTests
{
    public static TheoryData<string, int> SampleDocuments()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.GetFiles(RepoPaths.Samples, "*.yaml").Order(StringComparer.Ordinal))
        {
            var docs = ManifestReader.Read(File.ReadAllText(file), file);
            for (var i = 0; i < docs.Count; i++)
            {
                data.Add(Path.GetFileName(file), i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleDocuments))]
    public void Sample_satisfies_its_crd_schema_without_pruning(string file, int index)
    {
        var doc = Load(file, index);
        Assert.True(CrdSchemaSet.Embedded.TryGet((string)doc.Json["apiVersion"]!, (string)doc.Json["kind"]!, out var schema), "no CRD for the sample's kind");

        var result = schema.Apply((JsonObject)doc.Json.DeepClone());

        Assert.Empty(result.Errors);
        Assert.Empty(result.Pruned);
    }

    [Theory]
    [MemberData(nameof(SampleDocuments))]
    public void Sample_round_trips_through_its_CSharp_type(string file, int index)
    {
        var doc = Load(file, index);
        var decoded = Assert.Single(ManifestDecoder.Decode(doc));
        Assert.Empty(decoded.SchemaErrors);
        Assert.NotNull(decoded.Value);

        var written = JsonSerializer.SerializeToNode(decoded.Value, SriovJsonContext.Default.GetTypeInfo(decoded.Value.GetType())!);
        var expected = (JsonObject)doc.Json.DeepClone();
        CrdSchemaSet.Embedded.TryGet(decoded.ApiVersion, decoded.Kind, out var schema);
        schema.Apply(expected); // the API server's defaults are part of what is stored

        Assert.True(JsonNode.DeepEquals(expected, written), $"expected\n{expected}\nwritten\n{written}");
    }

    [Fact]
    public void Every_crd_kind_has_a_sample()
    {
        var sampled = SampleDocuments().Select(row => (string)Load((string)row[0], (int)row[1]).Json["kind"]!).ToHashSet();
        var kinds = CrdSchemaSet.Embedded.Schemas.Select(s => s.Kind).ToHashSet();

        Assert.Equal(kinds.Order(), sampled.Order());
    }

    private static ManifestDocument Load(string file, int index)
    {
        var path = Path.Combine(RepoPaths.Samples, file);
        return ManifestReader.Read(File.ReadAllText(path), path)[index];
    }
}
