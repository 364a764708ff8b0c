namespace Sriov.Host.Locks;

/// <summary>The per-VF lock stayed taken by someone else until the deadline.</summary>
public sealed class VfLockTimeoutException : TimeoutException
{
    public VfLockTimeoutException(string pciAddress, string path, TimeSpan waited, IReadOnlyList<int> holders)
        : base(Format(pciAddress, path, waited, holders))
    {
        PciAddress = pciAddress;
        Path = path;
        Holders = holders;
    }

    public VfLockTimeoutException()
    {
        PciAddress = Path = string.Empty;
        Holders = [];
    }

    public VfLockTimeoutException(string message)
        : base(message)
    {
        PciAddress = Path = string.Empty;
        Holders = [];
    }

    public VfLockTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
        PciAddress = Path = string.Empty;
        Holders = [];
    }

    public string PciAddress { get; }

    public string Path { get; }

    /// <summary>PIDs holding the lock when we gave up (from /proc/locks; empty when unknown).</summary>
    public IReadOnlyList<int> Holders { get; }

    private static string Format(string pci, string path, TimeSpan waited, IReadOnlyList<int> holders)
    {
        var who = holders.Count == 0 ? "another process" : "PID " + string.Join(", ", holders);
        return $"lock VF {pci}: {path} is held by {who}; gave up after {waited.TotalSeconds:0.#} s. " +
            "Another CNI ADD/DEL or the config daemon is working on this VF; retry later, or check that process.";
    }
}
