using Sriov.Cni.Config;
using Sriov.Cni.Journal;
using Sriov.Cni.Skel;
using Sriov.Host.Ownership;

namespace Sriov.Cni.Plugin;

/// <summary>
/// CNI DEL (docs/cni.md, "DEL"): idempotent, driven by the journal, so it completes a killed ADD as well as undoing a
/// finished one. No journal: nothing to do (a repeated DEL, or an ADD that failed before changing anything). The VF
/// is touched only if its allocation record is absent or names this attachment; otherwise (a late DEL after the VF went
/// to another pod, sriov-cni #219) only IPAM is released. Transient failures keep the journal and answer code 11;
/// success removes the record and the journal, except while a VF from a deleted netns has not come back yet (the
/// journal then stays for the next DEL, GC or ADD on that VF, and DEL succeeds).
/// </summary>
internal sealed class DelCommand
{
    private readonly PluginContext _context;

    public DelCommand(PluginContext context) => _context = context;

    public void Run(CniEnvironment env, NetConf conf)
    {
        var attachment = new Attachment(env.ContainerId, env.IfName);
        if (Read(attachment) is not { } first)
        {
            _context.Log.Info($"{attachment}: no journal; nothing to do");
            AtomicFile.DeleteLeftovers(_context.Journals.PathFor(attachment));
            return;
        }

        using var vfLock = VfClaims.Lock(_context, first.DeviceId);

        // Another DEL may have finished while we waited for the lock.
        if (Read(attachment) is not { } journal)
        {
            return;
        }

        using var host = new HostSession(_context);
        var request = new TeardownRequest
        {
            FallbackNetns = env.Netns,
            IpamStdin = conf.HasIpam && conf.IpamType == journal.IpamType ? conf.Raw : null,
            Args = env.Args,
            Path = env.Path,
            ReturnWait = _context.ReturnWait,
        };

        if (!VfClaims.Owns(_context.Root, journal, env.Netns, out var record))
        {
            _context.Log.Info($"{attachment}: VF {journal.DeviceId} now belongs to {record!.Owner}; releasing IPAM only");
            new Teardown(_context, host).Run(journal with { Mode = VfMode.Userspace, PfRestored = true }, request);
            _context.Journals.Delete(attachment);
            return;
        }

        var outcome = new Teardown(_context, host).Run(journal, request);
        if (outcome == TeardownOutcome.AwaitingReturn)
        {
            return;
        }

        // No need to read the record again: Owns read it under this VF's lock, which every writer of records (ADD) holds.
        AllocationRecords.Delete(_context.Root, journal.DeviceId);
        _context.Journals.Delete(attachment);
        VfClaims.DeleteLeftovers(_context, journal);
        _context.Log.Info($"{attachment}: VF {journal.DeviceId} released");
    }

    private AttachmentJournal? Read(Attachment attachment)
    {
        try
        {
            return _context.Journals.Read(attachment);
        }
        catch (JournalFormatException e)
        {
            // Not ours to interpret; upstream treats an unreadable cache the same way (spec cni.md §3, step 2).
            _context.Log.Warning($"{_context.Journals.PathFor(attachment)} is neither a journal nor an upstream cache ({e.Message}); removing it");
            _context.Journals.Delete(attachment);
            return null;
        }
    }
}
