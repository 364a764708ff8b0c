using System.Text.Json;

namespace Sriov.Sim.Node.Kernel;

/// <summary>
/// The record of rejected operations: in memory for in-process tests, and as JSON lines in
/// <c>&lt;root&gt;/.sriov-sim/rejected.jsonl</c> so <c>sriov-sim node check</c> (another process) can read it.
/// </summary>
internal sealed class RejectionLog
{
    public const string FileName = "rejected.jsonl";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly string _path;
    private readonly List<RejectedOperation> _entries = [];
    private readonly Lock _lock = new();

    public RejectionLog(string stateDirectory)
    {
        _path = Path.Join(stateDirectory, FileName);
    }

    public IReadOnlyList<RejectedOperation> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public void Add(RejectedOperation entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
            File.AppendAllText(_path, JsonSerializer.Serialize(entry, Json) + "\n");
        }
    }

    /// <summary>Reads the record of a node root; empty when nothing was rejected.</summary>
    public static IReadOnlyList<RejectedOperation> Read(string stateDirectory)
    {
        var path = Path.Join(stateDirectory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }

        return [.. File.ReadAllLines(path)
            .Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<RejectedOperation>(l, Json)
                ?? throw new InvalidDataException($"{path}: empty entry"))];
    }
}
