using Sriov.Cni.Config;
using Sriov.Cni.Delegation;
using Sriov.Cni.Journal;
using Sriov.Cni.Skel;
using Sriov.Host.Locks;

namespace Sriov.Cni.Plugin;

/// <summary>
/// CNI GC (1.1.0): every journal of this network (<c>name</c>) whose attachment is not in
/// <c>cni.dev/valid-attachments</c> (also read as <c>cni.dev/attachments</c>) is torn down like a DEL with the netns
/// assumed gone, unless its VF's lock is held (an ADD or DEL is working there: skipped, the next GC sees it again).
/// IPAM: GC is forwarded to a delegate that speaks 1.1.0; for an older delegate, each stale attachment gets an IPAM DEL
/// with the config saved in its journal. Errors do not stop the sweep; they are reported together at the end.
/// A GC without a valid-attachments list removes nothing.
/// </summary>
internal sealed class GcCommand
{
    private readonly PluginContext _context;

    public GcCommand(PluginContext context) => _context = context;

    public void Run(CniEnvironment env, NetConf conf)
    {
        var errors = new List<string>();
        var ipam = new IpamDelegate(_context.Delegates);
        var forward = conf.HasIpam && env.Path.Count > 0
            && ipam.Supports(DelegateRequest.Ipam(conf, env, "VERSION"), CniVersion.V110);
        if (conf.ValidAttachments is { } valid)
        {
            var keep = valid.Select(a => a.FileName).ToHashSet(StringComparer.Ordinal);
            foreach (var name in _context.Journals.List())
            {
                if (!keep.Contains(name))
                {
                    Collect(name, conf, env, skipIpam: forward, errors);
                }
            }
        }
        else
        {
            _context.Log.Warning("GC without cni.dev/valid-attachments: no attachment is removed");
        }

        if (forward)
        {
            try
            {
                ipam.Gc(DelegateRequest.Ipam(conf, env, "GC"));
            }
            catch (DelegateException e)
            {
                errors.Add($"IPAM plugin {conf.IpamType} GC: {e.Message}");
            }
        }

        if (errors.Count > 0)
        {
            throw new CniException(CniErrorCode.Internal, $"GC of network {conf.Name}: {string.Join("; ", errors)}");
        }
    }

    private void Collect(string name, NetConf conf, CniEnvironment env, bool skipIpam, List<string> errors)
    {
        AttachmentJournal journal;
        try
        {
            journal = _context.Journals.ReadFile(name);
        }
        catch (Exception e) when (e is JournalFormatException or IOException)
        {
            _context.Log.Warning($"GC: {name} is not a journal ({e.Message}); left alone");
            return;
        }

        if (journal.NetworkName != conf.Name)
        {
            return;
        }

        using var vfLock = VfLock.TryAcquire(_context.Root, journal.DeviceId);
        if (vfLock is null)
        {
            _context.Log.Info($"GC: VF {journal.DeviceId} of {journal.Attachment} is locked by an ADD or DEL; skipped");
            return;
        }

        try
        {
            using var host = new HostSession(_context);
            var request = new TeardownRequest { Path = env.Path, SkipIpam = skipIpam, ReturnWait = _context.ReturnWait };
            var owns = VfClaims.Owns(_context.Root, journal, string.Empty, out _);
            var outcome = new Teardown(_context, host).Run(owns ? journal : journal with { Mode = VfMode.Userspace, PfRestored = true }, request);
            if (outcome == TeardownOutcome.Done)
            {
                if (owns)
                {
                    VfClaims.Release(_context.Root, journal, string.Empty);
                }

                _context.Journals.Delete(journal.Attachment);
                _context.Log.Info($"GC: removed stale {journal.Attachment} on VF {journal.DeviceId}");
            }
        }
        catch (CniException e)
        {
            errors.Add($"{journal.Attachment}: {e.Message}");
        }
    }
}
