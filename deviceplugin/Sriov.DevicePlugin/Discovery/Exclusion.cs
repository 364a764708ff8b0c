namespace Sriov.DevicePlugin.Discovery;

/// <summary>A function of the right class that is not offered to any selector, and why (logged, so users can tell why
/// a VF is missing: upstream's most reported confusion).</summary>
internal sealed record Exclusion(string Id, string Reason)
{
    public override string ToString() => $"{Id}: {Reason}";
}
