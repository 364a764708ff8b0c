namespace Sriov.Sim.Node.Cli;

/// <summary>
/// <c>--name value</c> options and positional words of a <c>sriov-sim</c> subcommand. Unknown options are errors, so a
/// typo never silently falls back to a default.
/// </summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliArgs(List<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    /// <summary>Parses <paramref name="args"/>; <paramref name="valued"/> take a value, <paramref name="flags"/> do not.</summary>
    public static CliArgs Parse(IEnumerable<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string>? flags = null)
    {
        var positional = new List<string>();
        var parsed = new CliArgs(positional);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var a = e.Current;
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(a);
            }
            else if (flags?.Contains(a) == true)
            {
                parsed._flags.Add(a);
            }
            else if (valued.Contains(a))
            {
                parsed._options[a] = e.MoveNext() ? e.Current : throw new UsageException($"{a} needs a value");
            }
            else
            {
                throw new UsageException($"unknown option {a}");
            }
        }

        return parsed;
    }

    public string Required(string name) =>
        _options.TryGetValue(name, out var v) ? v : throw new UsageException($"{name} is required");

    public string? Optional(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);

    public int RequiredInt(string name) =>
        int.TryParse(Required(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new UsageException($"{name}: '{Required(name)}' is not an integer");

    public TimeSpan? Seconds(string name) =>
        Optional(name) is not { } s ? null
        : double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && d > 0
            ? TimeSpan.FromSeconds(d)
            : throw new UsageException($"{name}: '{s}' is not a positive number of seconds");
}
