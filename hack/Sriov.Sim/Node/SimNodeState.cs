using System.Text.Json;

namespace Sriov.Sim.Node;

/// <summary>What <c>node run</c> and <c>node destroy</c> need to know about a node made earlier: <c>.sriov-sim/node.json</c>.</summary>
internal sealed record SimNodeState(string Netdevs, string Token, string? Netns)
{
    public const string FileName = "node.json";
    public const string DescriptionFileName = "node.yaml";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public NetdevMode Mode => Netdevs == "veth" ? NetdevMode.Veth : NetdevMode.Files;

    public void Save(string stateDirectory) =>
        File.WriteAllText(Path.Join(stateDirectory, FileName), JsonSerializer.Serialize(this, Json));

    public static SimNodeState Load(string stateDirectory)
    {
        var path = Path.Join(stateDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{Path.GetDirectoryName(stateDirectory)} is not a simulated node root (no {path}); create one with 'sriov-sim node create'");
        }

        return JsonSerializer.Deserialize<SimNodeState>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty");
    }
}
