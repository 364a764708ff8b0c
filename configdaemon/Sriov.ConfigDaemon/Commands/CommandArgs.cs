namespace Sriov.ConfigDaemon.Commands;

/// <summary>
/// Parses <c>--flag value</c>, <c>--flag=value</c> and boolean <c>--flag</c> arguments against the flags a command
/// declares; anything else is a <see cref="UsageException"/> naming it.
/// </summary>
internal sealed class CommandArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CommandArgs()
    {
    }

    public static CommandArgs Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueFlags, IReadOnlyCollection<string>? boolFlags = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = new CommandArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? arg[..eq] : arg;
            if (valueFlags.Contains(name))
            {
                var value = eq > 0 && name.Length == eq ? arg[(eq + 1)..]
                    : i + 1 < args.Count ? args[++i]
                    : throw new UsageException($"{name} needs a value");
                parsed._values[name] = value.Length > 0 ? value : throw new UsageException($"{name} needs a non-empty value");
            }
            else if (boolFlags?.Contains(arg) == true)
            {
                parsed._flags.Add(arg);
            }
            else
            {
                throw new UsageException($"unknown argument \"{arg}\"");
            }
        }

        return parsed;
    }

    public string? Value(string flag) => _values.GetValueOrDefault(flag);

    public string Required(string flag) => Value(flag) ?? throw new UsageException($"{flag} is required");

    public bool Flag(string flag) => _flags.Contains(flag);

    public TimeSpan? Seconds(string flag) =>
        Value(flag) is not { } text ? null
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : throw new UsageException($"{flag} {text}: expected a positive number of seconds");
}
