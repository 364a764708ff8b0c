using System.Globalization;

namespace Sriov.DevicePlugin.Cli;

/// <summary>
/// Command-line flags with the semantics of Go's <c>flag</c> package, which upstream's binary uses, so every spelling a
/// manifest written for upstream contains keeps working: one or two leading dashes (<c>-x</c> = <c>--x</c>), the value
/// after <c>=</c> or as the next argument (<c>-x v</c>, <c>-x=v</c>), booleans bare (<c>-x</c>) or only with <c>=</c>
/// (<c>-x=false</c>; <c>-x false</c> leaves <c>false</c> as a positional argument), parsing stopping at the first
/// non-flag argument or after <c>--</c>, the last of a repeated flag winning, and integers in Go's base-prefixed syntax.
/// </summary>
internal sealed class GoFlagSet
{
    private readonly Dictionary<string, Flag> _flags = new(StringComparer.Ordinal);

    public GoFlagSet(string command) => Command = command;

    public string Command { get; }

    public void String(string name, string usage, Action<string> set) =>
        _flags[name] = new Flag(name, usage, IsBool: false, set);

    public void Bool(string name, string usage, Action<bool> set) =>
        _flags[name] = new Flag(name, usage, IsBool: true, v => set(ParseBool(name, v)));

    public void Int(string name, string usage, Action<long> set) =>
        _flags[name] = new Flag(name, usage, IsBool: false, v => set(ParseInt(name, v)));

    /// <summary>Parses <paramref name="args"/>; returns the arguments after the flags.</summary>
    /// <exception cref="FlagException">A malformed or unknown flag, or a bad value; <see cref="FlagException.HelpRequested"/> for -h/-help.</exception>
    public IReadOnlyList<string> Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var i = 0;
        while (i < args.Count)
        {
            var arg = args[i];
            if (arg.Length < 2 || arg[0] != '-')
            {
                break;
            }

            i++;
            if (arg == "--")
            {
                break;
            }

            var name = arg[1] == '-' ? arg[2..] : arg[1..];
            if (name.Length == 0 || name[0] == '-' || name[0] == '=')
            {
                throw new FlagException($"bad flag syntax: {arg}");
            }

            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (!_flags.TryGetValue(name, out var flag))
            {
                if (name is "h" or "help")
                {
                    throw new FlagException(null) { HelpRequested = true };
                }

                throw new FlagException($"flag provided but not defined: -{name}");
            }

            if (flag.IsBool)
            {
                flag.Set(value ?? "true");
                continue;
            }

            if (value is null)
            {
                if (i >= args.Count)
                {
                    throw new FlagException($"flag needs an argument: -{name}");
                }

                value = args[i++];
            }

            flag.Set(value);
        }

        return [.. args.Skip(i)];
    }

    /// <summary>The flag list in Go's <c>PrintDefaults</c> layout, sorted by name.</summary>
    public string Usage()
    {
        var lines = new List<string> { $"Usage of {Command}:" };
        foreach (var flag in _flags.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            lines.Add(flag.IsBool ? $"  -{flag.Name}" : $"  -{flag.Name} value");
            lines.Add("    \t" + flag.Usage);
        }

        return string.Join('\n', lines);
    }

    // strconv.ParseBool.
    private static bool ParseBool(string name, string value) => value switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => throw new FlagException($"invalid boolean value \"{value}\" for -{name}: parse error"),
    };

    // strconv.ParseInt(s, 0, 64): optional sign, 0x/0o/0b/leading-0 prefixes, '_' between digits.
    private static long ParseInt(string name, string value)
    {
        var text = value;
        var negative = false;
        if (text.StartsWith('-') || text.StartsWith('+'))
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        var (digits, radix) = text.Length > 1 && text[0] == '0'
            ? char.ToLowerInvariant(text[1]) switch
            {
                'x' => (text[2..], 16),
                'o' => (text[2..], 8),
                'b' => (text[2..], 2),
                _ => (text[1..], 8),
            }
            : (text, 10);
        // Go allows '_' between digits (and after a base prefix) in base-0 parsing: 1_000, 0x_ff.
        if (digits.Contains('_', StringComparison.Ordinal))
        {
            var inner = radix == 10 ? digits : "0" + digits;
            if (inner.StartsWith('_') || inner.EndsWith('_') || inner.Contains("__", StringComparison.Ordinal))
            {
                throw new FlagException($"invalid value \"{value}\" for flag -{name}: parse error");
            }

            digits = digits.Replace("_", "", StringComparison.Ordinal);
        }

        try
        {
            if (digits.Length == 0 || digits.Any(c => !Uri.IsHexDigit(c)))
            {
                throw new FormatException();
            }

            var magnitude = radix == 10
                ? long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)
                : Convert.ToInt64(digits, radix);
            return negative ? -magnitude : magnitude;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new FlagException($"invalid value \"{value}\" for flag -{name}: parse error");
        }
    }

    private sealed record Flag(string Name, string Usage, bool IsBool, Action<string> Set);
}
