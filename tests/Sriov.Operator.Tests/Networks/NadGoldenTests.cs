using System.Text.Json;
using System.Text.Json.Nodes;
using Sriov.Api.Json;
using Sriov.Api.Manifests;
using Sriov.Operator.Networks;
using Sriov.Operator.Tests.Fixtures;

namespace Sriov.Operator.Tests.Networks;

/// <summary>
/// Golden files: each <c>Golden/&lt;case&gt;.input.yaml</c> network CR renders exactly to
/// <c>Golden/&lt;case&gt;.nad.yaml</c> (metadata and the byte-exact <c>spec.config</c> text).
/// </summary>
public sealed class NadGoldenTests
{
    public static TheoryData<string> Cases() =>
        new(Directory.GetFiles(TestPaths.Golden, "*.input.yaml").Select(f => Path.GetFileName(f)[..^".input.yaml".Length]).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Network_renders_to_its_golden_nad(string name)
    {
        var inputPath = Path.Combine(TestPaths.Golden, name + ".input.yaml");
        var expectedPath = Path.Combine(TestPaths.Golden, name + ".nad.yaml");
        var cr = Assert.Single(ManifestReader.Read(File.ReadAllText(inputPath), inputPath).SelectMany(ManifestDecoder.Decode)).Value!;

        var render = NetworkRenderer.Render(cr, Make.Settings, null, []);

        Assert.True(render.Ready, render.Message);
        var actual = JsonSerializer.SerializeToNode(render.Nad, SriovJsonContext.Default.NetworkAttachmentDefinition)!;
        var expected = Assert.Single(ManifestReader.Read(File.ReadAllText(expectedPath), expectedPath)).Json;
        Assert.Equal((string?)expected["spec"]!["config"], (string?)actual["spec"]!["config"]);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected\n{expected}\nactual\n{actual}");
    }

    [Fact]
    public void Every_golden_input_has_an_expected_nad()
    {
        var inputs = Directory.GetFiles(TestPaths.Golden, "*.input.yaml").Length;

        Assert.True(inputs >= 10);
        Assert.Equal(inputs, Directory.GetFiles(TestPaths.Golden, "*.nad.yaml").Length);
    }
}
