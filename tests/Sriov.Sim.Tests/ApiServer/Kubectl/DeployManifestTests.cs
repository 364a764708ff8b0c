using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer;
using Sriov.Sim.ApiServer.Patch;
using Sriov.Sim.Tests.Support;

namespace Sriov.Sim.Tests.ApiServer.Kubectl;

/// <summary>The project's CRDs (deploy/crds) and every sample (deploy/samples) go through the real kubectl into the
/// emulator, which validates them against the CRDs' schemas.</summary>
[Trait("Category", "RealClient")]
public class DeployManifestTests
{
    private static readonly string Crds = RepoPaths.Of("deploy/crds");
    private static readonly string Samples = RepoPaths.Of("deploy/samples");

    public static TheoryData<string> SampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Of("deploy/samples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public async Task Every_crd_applies_and_is_served()
    {
        await using var emulator = await ApiServerEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        var output = await kubectl.OkAsync("apply", "-f", Crds);
        var files = Directory.EnumerateFiles(Crds, "*.yaml").ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files.Count, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith(" created", StringComparison.Ordinal)));

        var resources = await kubectl.OkAsync("api-resources", "-o", "name");
        foreach (var crd in files.SelectMany(f => YamlJson.ParseAll(File.ReadAllText(f))))
        {
            Assert.Contains(ObjectName(crd), resources.Split('\n'));
        }

        var again = await kubectl.RunAsync("apply", "-f", Crds);
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("configured", again.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public async Task Sample_applies_with_kubectl_and_reapplies_unchanged(string sample)
    {
        await using var emulator = await ApiServerEmulator.StartAsync(new ApiServerOptions { CrdPaths = [Crds] });
        using var kubectl = new Kubectl(emulator);
        var file = Path.Combine(Samples, sample);
        var objects = YamlJson.ParseAll(await File.ReadAllTextAsync(file));
        foreach (var ns in objects.Select(o => (string?)o["metadata"]?["namespace"]).OfType<string>().Distinct())
        {
            // Not "kubectl create namespace": imperative generators send protobuf, which the emulator does not speak.
            var (nsCode, _, nsError) = await kubectl.RunWithInputAsync(
                $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n", "apply", "-f", "-");
            Assert.True(nsCode is 0, nsError);
        }

        var (code, stdout, stderr) = await kubectl.RunAsync("apply", "-f", file);
        Assert.True(code == 0, $"{sample}: {stderr}");
        Assert.Equal("", stderr);
        foreach (var obj in objects)
        {
            var kind = ((string)obj["kind"]!).ToLowerInvariant();
            var name = (string)obj["metadata"]!["name"]!;
            Assert.Contains($"/{name} created", stdout, StringComparison.Ordinal);
            var got = JsonNode.Parse(await kubectl.OkAsync("get", $"{kind}.{((string)obj["apiVersion"]!).Split('/')[0]}", name,
                "-n", (string?)obj["metadata"]!["namespace"] ?? "default", "-o", "json"))!;
            Assert.Equal(name, (string?)got["metadata"]!["name"]);
            Assert.True(JsonNode.DeepEquals(obj["spec"], got["spec"]) || obj["spec"] is null || SpecOnlyGainedDefaults(obj["spec"]!, got["spec"]!),
                $"{sample}: {name} spec changed beyond schema defaults:\n{obj["spec"]?.ToJsonString()}\n{got["spec"]?.ToJsonString()}");
        }

        // Re-applying writes nothing. (kubectl may still say "configured" for a sample that carries a status: its
        // patch re-sends the status, which the status subresource makes the main endpoint ignore, as in a cluster.)
        var before = emulator.ResourceVersion;
        var again = await kubectl.RunAsync("apply", "-f", file);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(before, emulator.ResourceVersion);
    }

    private static string ObjectName(JsonNode crd) =>
        $"{(string)crd["spec"]!["names"]!["plural"]!}.{(string)crd["spec"]!["group"]!}";

    // Every field the sample set is stored as written; the server may only have added defaulted fields.
    private static bool SpecOnlyGainedDefaults(JsonNode sent, JsonNode stored) => (sent, stored) switch
    {
        (JsonObject s, JsonObject t) => s.All(kv => t.ContainsKey(kv.Key) && SpecOnlyGainedDefaults(kv.Value!, t[kv.Key]!)),
        (JsonArray s, JsonArray t) => s.Count == t.Count && s.Zip(t).All(p => SpecOnlyGainedDefaults(p.First!, p.Second!)),
        _ => JsonNode.DeepEquals(sent, stored),
    };
}
