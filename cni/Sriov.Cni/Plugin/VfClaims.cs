using Sriov.Cni.Journal;
using Sriov.Cni.Skel;
using Sriov.Host;
using Sriov.Host.Locks;
using Sriov.Host.Ownership;

namespace Sriov.Cni.Plugin;

/// <summary>
/// The VF ownership protocol of ARCHITECTURE.md ("Who owns a VF") as the CNI uses it: the per-VF lock, the
/// allocation record (written by ADD together with its first journal, so a killed ADD keeps the VF reserved for its
/// DEL), and the config daemon's reconfiguring marker.
/// </summary>
internal static class VfClaims
{
    public static VfLock Lock(PluginContext context, string deviceId)
    {
        try
        {
            return VfLock.Acquire(context.Root, deviceId, context.LockTimeout);
        }
        catch (VfLockTimeoutException e)
        {
            throw new CniException(CniErrorCode.TryAgainLater, e.Message);
        }
    }

    /// <summary>Code 11 while the config daemon reconfigures the VF's PF.</summary>
    public static void CheckNotReconfiguring(HostRoot root, VfIdentity vf)
    {
        if (ReconfiguringMarker.IsSet(root, vf.PfPci))
        {
            throw new CniException(
                CniErrorCode.TryAgainLater,
                $"PF {vf.PfName} ({vf.PfPci}) of VF {vf.DeviceId} is being reconfigured by the config daemon ({ReconfiguringMarker.PathFor(root, vf.PfPci)}); try again later");
        }
    }

    public static AllocationRecord RecordFor(AttachmentJournal j) =>
        new(j.DeviceId, j.NetnsPath, j.Attachment.ContainerId, j.Attachment.IfName, j.NetnsInode);

    /// <summary>Whether the journal's attachment may touch its VF: no record, or one that names it.</summary>
    public static bool Owns(HostRoot root, AttachmentJournal j, string fallbackNetns, out AllocationRecord? record)
    {
        record = AllocationRecords.Read(root, j.DeviceId);
        return record is null || record.Names(j.Attachment.ContainerId, j.Attachment.IfName, NetnsOf(j, fallbackNetns));
    }

    /// <summary>Removes the record if it (still) names the journal's attachment, or a lone owner file.</summary>
    public static void Release(HostRoot root, AttachmentJournal j, string fallbackNetns)
    {
        // No record at all: an owner file may still be there (ADD killed between the two writes), and with no
        // record it names nobody; the caller holds the lock, so no writer is between them now.
        var record = AllocationRecords.Read(root, j.DeviceId);
        if (record is null || record.Names(j.Attachment.ContainerId, j.Attachment.IfName, NetnsOf(j, fallbackNetns)))
        {
            AllocationRecords.Delete(root, j.DeviceId);
        }
    }

    /// <summary>
    /// Removes what writers killed mid-write left of this attachment's journal and this VF's record (write-then-rename
    /// temporary files of dead processes).
    /// </summary>
    public static void DeleteLeftovers(PluginContext context, AttachmentJournal j)
    {
        AtomicFile.DeleteLeftovers(context.Journals.PathFor(j.Attachment));
        var record = AllocationRecords.PathFor(context.Root, j.DeviceId);
        AtomicFile.DeleteLeftovers(record);
        AtomicFile.DeleteLeftovers(record + ".owner");
    }

    private static string NetnsOf(AttachmentJournal j, string fallback) => j.NetnsPath.Length > 0 ? j.NetnsPath : fallback;
}
