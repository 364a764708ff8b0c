namespace Sriov.Sim.Scenario;

/// <summary>
/// What one operation of a scenario did: its outcome (<c>ok</c>, or the errno name, or <c>error</c> when our code
/// refused it before asking the kernel), our exception's type and message, and the state after it as flat
/// <c>key = value</c> pairs (<see cref="StateReader"/> lists the keys). Names and paths are normalised (the simulator's
/// node token and root directory removed), so records of the real kernel and of the simulator compare directly.
/// </summary>
internal sealed record StepRecord
{
    public required int Index { get; init; }

    public required string Op { get; init; }

    /// <summary><c>ok</c>; the errno name (<c>EOPNOTSUPP</c>) when the kernel or driver refused; <c>error</c> when our code refused first.</summary>
    public required string Outcome { get; init; }

    /// <summary>The exception type (<c>NetlinkException</c>, <c>SysfsRequestException</c>, ...); null on success.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Our exception's message; null on success.</summary>
    public string? Message { get; init; }

    /// <summary>What PciControl answered (false: it was already so, nothing written); null for other operations.</summary>
    public bool? Changed { get; init; }

    /// <summary>How long the operation took (not compared: timings differ by design).</summary>
    public long Milliseconds { get; init; }

    /// <summary>How long reading the state afterwards took (the simulator's settling included; not compared).</summary>
    public long StateMilliseconds { get; init; }

    public IReadOnlyDictionary<string, string?> State { get; init; } = new SortedDictionary<string, string?>(StringComparer.Ordinal);
}
