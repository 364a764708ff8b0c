using System.Text.RegularExpressions;

namespace Sriov.Sim.RealKernel;

/// <summary>
/// One named bash script the real-kernel guest runs, chrooted into the host's root (read-only over 9p), so the
/// host's own tools and our published binaries run against the guest's real sysfs and the real igb PF.
/// The script starts with <c>hack/realkernel/steplib.bash</c> sourced and <see cref="Environment"/> exported;
/// files it writes to <c>$RK_OUT</c> come back in <see cref="GuestStepResult.Files"/>.
/// </summary>
public sealed partial record GuestStep
{
    /// <summary>The bound on a step's run time in the guest when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(30);

    public GuestStep(string name, string script, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(script);
        if (!NamePattern().IsMatch(name) || name.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"guest step name '{name}' is invalid: use letters, digits, '.', '_', '-' and '/' between parts", nameof(name));
        }

        if (string.IsNullOrWhiteSpace(script))
        {
            throw new ArgumentException($"guest step '{name}' has an empty script", nameof(script));
        }

        var limit = timeout ?? DefaultTimeout;
        if (limit < TimeSpan.FromSeconds(1) || limit > MaxTimeout)
        {
            throw new ArgumentOutOfRangeException(
                nameof(timeout), limit, $"guest step '{name}': the timeout must be between 1 s and {MaxTimeout.TotalMinutes} min");
        }

        Name = name;
        Script = script;
        Timeout = limit;
    }

    /// <summary>Unique within a run; scenarios prefix it with their own name and a '/'.</summary>
    public string Name { get; }

    public string Script { get; }

    /// <summary>The guest kills the step (TERM, then KILL 2 s later) when it runs longer.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Variables exported before the script runs (names are shell identifiers).</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get => _environment;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var key in value.Keys)
            {
                if (!EnvironmentNamePattern().IsMatch(key))
                {
                    throw new ArgumentException($"guest step '{Name}': environment variable name '{key}' is not a shell identifier", nameof(value));
                }
            }

            _environment = value;
        }
    }

    private readonly IReadOnlyDictionary<string, string> _environment = new Dictionary<string, string>();

    /// <summary>The same step under another name (scenarios use it to prefix their steps).</summary>
    public GuestStep Renamed(string name) => new(name, Script, Timeout) { Environment = Environment };

    [GeneratedRegex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentNamePattern();
}
