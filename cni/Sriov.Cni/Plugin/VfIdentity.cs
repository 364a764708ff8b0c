using Sriov.Cni.Journal;

namespace Sriov.Cni.Plugin;

/// <summary>A VF as sysfs shows it: its PF (PCI address and netdev), its index, its netdev on the host and its driver.</summary>
internal sealed record VfIdentity
{
    public required string DeviceId { get; init; }

    public required string PfPci { get; init; }

    public required string PfName { get; init; }

    public required int VfIndex { get; init; }

    /// <summary>The VF's netdev in the host netns (first entry of <c>net/</c>); null when it has none there.</summary>
    public string? Netdev { get; init; }

    public string? Driver { get; init; }

    /// <summary>The PF's MTU (reported for userspace VFs).</summary>
    public int PfMtu { get; init; }

    public override string ToString() => Describe(DeviceId, VfIndex, PfName);

    /// <summary>The VF of a journal, in the words of <see cref="ToString"/> (error messages name the VF and its PF).</summary>
    public static string Of(AttachmentJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return Describe(journal.DeviceId, journal.VfIndex, journal.PfName);
    }

    private static string Describe(string deviceId, int vfIndex, string pfName) => $"VF {deviceId} (VF {vfIndex} of PF {pfName})";
}
