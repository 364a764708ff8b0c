using Sriov.Cni.Config;
using Sriov.Cni.Delegation;
using Sriov.Cni.Journal;
using Sriov.Cni.Skel;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;

namespace Sriov.Cni.Plugin;

/// <summary>
/// Undoes an attachment from its journal, whatever point its ADD reached: used by DEL, by ADD's rollback, by ADD when a
/// dead pod's journal is found on its VF, and by GC. Steps, each recorded in the journal when done so a retry skips it:
/// (1) the PF-side settings ADD sent, and, once the pod had the VF, the admin MAC if it differs; (2) IPAM DEL;
/// (3) the VF netdev: out of the pod (name, MAC, MTU restored, added altnames dropped, moved back under its host
/// name), or, when the pod's netns is gone, found again on the host once the kernel returns it (bounded wait) and
/// renamed back. Transient failures throw code 11 with the journal kept; permanent ones are logged and skipped.
/// The caller holds the VF's lock and has checked that the allocation record names this attachment (or none).
/// </summary>
internal sealed class Teardown
{
    private static readonly TimeSpan ReturnPoll = TimeSpan.FromMilliseconds(20);
    private readonly PluginContext _context;
    private readonly HostSession _host;

    public Teardown(PluginContext context, HostSession host)
    {
        _context = context;
        _host = host;
    }

    /// <summary>The name the VF netdev was left under on the host, once a teardown put it there.</summary>
    public string? HostName { get; private set; }

    public TeardownOutcome Run(AttachmentJournal journal, TeardownRequest request)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(request);
        var j = journal;
        if (!j.PfRestored && j.Original.PfReported && (j.Phase >= JournalPhase.PfConfig || j.Upstream))
        {
            RestorePf(j);
            j = Save(j with { PfRestored = true });
        }

        var releaseIpam = !j.IpamReleased && j.HasIpam && j.Phase >= JournalPhase.IpamIssued && !request.SkipIpam;
        var releaseNetdev = j.Mode == VfMode.Netdev && j.Phase >= JournalPhase.MoveIssued;
        IRunningDelegate? ipam = null;
        if (releaseIpam && (!releaseNetdev || IpamDelegate.UsesInterface(j.IpamType)))
        {
            // dhcp releases its lease over the interface: before the VF leaves the pod, as upstream orders it.
            if (StartIpamRelease(j, request) is { } running)
            {
                using (running)
                {
                    FinishIpamRelease(running, j);
                }
            }

            j = Save(j with { IpamReleased = true });
        }
        else if (releaseIpam)
        {
            // Any other IPAM plugin only frees addresses: it runs while the kernel moves the VF back.
            ipam = StartIpamRelease(j, request);
            if (ipam is null)
            {
                j = Save(j with { IpamReleased = true });
            }
        }

        var outcome = TeardownOutcome.Done;
        var finished = false;
        try
        {
            if (releaseNetdev)
            {
                outcome = ReleaseNetdev(j, request);
            }

            finished = outcome == TeardownOutcome.Done;
        }
        finally
        {
            if (ipam is not null)
            {
                using (ipam)
                {
                    FinishIpamRelease(ipam, j);
                }

                // Recorded only for a journal that outlives this run (a failed step, or a VF not back yet): on success
                // every caller deletes the journal next, and a kill before that merely repeats an IPAM DEL, which CNI
                // requires to be idempotent (the same holds for a kill between IPAM's answer and any write here).
                j = j with { IpamReleased = true };
                if (!finished)
                {
                    Save(j);
                }
            }
        }

        if (outcome == TeardownOutcome.AwaitingReturn)
        {
            Save(j with { Phase = JournalPhase.AwaitingReturn });
        }

        return outcome;
    }

    private void RestorePf(AttachmentJournal j)
    {
        var pf = new PfConfigurator(_host.VfControl, _context.Sleep);
        // The admin MAC is also restored when the config did not set it, but only once the pod had the VF: a DPDK
        // application may have set one (upstream #214). An ADD that failed earlier never ran the pod.
        var podRan = j.Phase >= JournalPhase.Complete || j.Upstream;
        foreach (var setting in PfConfigurator.RestoreOrder)
        {
            if (!j.Issued.Contains(setting) && !(setting == PfSetting.Mac && podRan))
            {
                continue;
            }

            Step($"restore {JournalCodec.SettingName(setting)} of VF {j.VfIndex} on PF {j.PfName} ({j.DeviceId})",
                () => pf.Restore(j.PfName, j.VfIndex, setting, j.Original));
        }

        // A VF netdev that never left the host (ADD stopped before the move) registers its MAC with the PF again here;
        // one that did gets it when its MAC is restored below.
        if (j.Mode == VfMode.Netdev && j.Phase < JournalPhase.MoveIssued && j.Issued.Contains(PfSetting.Mac)
            && PfConfigurator.VfRegistersOwnMac(j.Original) && VfResolver.HostNetdev(_context.Root, j.DeviceId) is { } name)
        {
            Step($"register the MAC of {VfIdentity.Of(j)} ({name}) with its PF again", () =>
            {
                var link = _host.Rtnl.GetLink(name);
                _host.Rtnl.SetMac(link, j.Original.EffectiveMac!.Value);
            });
        }
    }

    /// <summary>Starts IPAM DEL; null when there is no config to release with (an upstream cache keeps only ipam.type).</summary>
    private IRunningDelegate? StartIpamRelease(AttachmentJournal j, TeardownRequest request)
    {
        var stdin = request.IpamStdin ?? j.Config?.Raw;
        if (stdin is null)
        {
            _context.Log.Warning($"IPAM {j.IpamType} of {j.Attachment} on {VfIdentity.Of(j)}: no config to release it with (a cache written by upstream sriov-cni keeps only ipam.type)");
            return null;
        }

        if (request.Path.Count == 0)
        {
            throw new CniException(CniErrorCode.TryAgainLater, $"release IPAM {j.IpamType} of {j.Attachment} on {VfIdentity.Of(j)}: CNI_PATH is empty, so the plugin cannot be found; retry with CNI_PATH set");
        }

        try
        {
            return new IpamDelegate(_context.Delegates).Start(new DelegateRequest
            {
                Type = j.IpamType!,
                Command = "DEL",
                Stdin = stdin,
                ContainerId = j.Attachment.ContainerId,
                IfName = j.Attachment.IfName,
                Netns = j.NetnsPath.Length > 0 ? j.NetnsPath : request.FallbackNetns,
                Args = request.Args,
                Path = request.Path,
            });
        }
        catch (DelegateException e)
        {
            throw IpamFailure(j, e);
        }
    }

    private static void FinishIpamRelease(IRunningDelegate running, AttachmentJournal j)
    {
        try
        {
            running.Wait();
        }
        catch (DelegateException e)
        {
            throw IpamFailure(j, e);
        }
    }

    private static CniException IpamFailure(AttachmentJournal j, DelegateException e) =>
        new(CniErrorCode.TryAgainLater, $"release IPAM of {j.Attachment} on {VfIdentity.Of(j)}: {e.Message}; the journal is kept and the next DEL retries", e.Details);

    private TeardownOutcome ReleaseNetdev(AttachmentJournal j, TeardownRequest request)
    {
        var owned = request.PodNetns is null ? OpenPod(j, request) : null;
        try
        {
            var pod = request.PodNetns ?? owned;
            if (pod is not null)
            {
                using var rtnl = RouteNetlink.OpenIn(pod);
                if (FindInPod(rtnl, j) is { } link)
                {
                    Step($"return {VfIdentity.Of(j)} ({link.Name}) from netns {pod.Path} to the host", () => ReturnFromPod(rtnl, link, j));
                    return TeardownOutcome.Done;
                }
            }

            var name = pod is null ? ReturnedNetdev(j) : VfResolver.HostNetdev(_context.Root, j.DeviceId);
            if (name is null && pod is null && VfResolver.Exists(_context.Root, j.DeviceId))
            {
                // The pod's netns is gone: the kernel returns a physical device to the host once the namespace is
                // cleaned up (net/core/dev.c default_device_exit_net), asynchronously.
                for (var waited = TimeSpan.Zero; name is null && waited < request.ReturnWait; waited += ReturnPoll)
                {
                    _context.Sleep(ReturnPoll);
                    name = ReturnedNetdev(j);
                }

                if (name is null)
                {
                    _context.Log.Warning($"{j.DeviceId}: the pod's netns is gone and the VF netdev is not back on the host after {request.ReturnWait.TotalSeconds:0.#} s; the journal keeps its name/MAC/MTU restore for the next DEL, GC or ADD on this VF");
                    return TeardownOutcome.AwaitingReturn;
                }
            }

            if (name is null)
            {
                _context.Log.Warning(VfResolver.Exists(_context.Root, j.DeviceId)
                    ? $"{j.DeviceId}: the VF netdev is neither in the pod's netns nor on the host; nothing to restore"
                    : $"{j.DeviceId}: the VF no longer exists; nothing to restore");
                return TeardownOutcome.Done;
            }

            Step($"restore {VfIdentity.Of(j)} ({name}) on the host", () => RestoreOnHost(name, j));
            return TeardownOutcome.Done;
        }
        finally
        {
            owned?.Dispose();
        }
    }

    /// <summary>
    /// The VF netdev's host name once the host's rtnetlink also has it: a sysfs entry alone may be a name the device
    /// is just leaving or taking (a rename, or the simulator's tree catching up), and restoring by it would fail.
    /// </summary>
    private string? ReturnedNetdev(AttachmentJournal j) =>
        VfResolver.HostNetdev(_context.Root, j.DeviceId) is { } name && _host.Rtnl.TryGetLink(name) is not null ? name : null;

    /// <summary>The pod's netns of the journal, if it still exists and is the same namespace (inode).</summary>
    private NetNs? OpenPod(AttachmentJournal j, TeardownRequest request)
    {
        var path = j.NetnsPath.Length > 0 ? j.NetnsPath : request.FallbackNetns;
        if (path.Length == 0)
        {
            return null;
        }

        NetNs ns;
        try
        {
            ns = NetNs.Open(path);
        }
        catch (NetnsException e)
        {
            _context.Log.Info($"netns {path} of {j.Attachment} is gone ({e.Message})");
            return null;
        }

        if (j.NetnsInode is { } inode && inode != ns.Inode)
        {
            _context.Log.Info($"netns path {path} of {j.Attachment} now names another namespace (inode {ns.Inode}, was {inode})");
            ns.Dispose();
            return null;
        }

        return ns;
    }

    /// <summary>
    /// Our VF in the pod: under CNI_IFNAME alone once the move is known to have completed (see
    /// <see cref="MoveCompleted"/>); before that, under CNI_IFNAME or its host name only with a MAC it had (its own, or
    /// the requested one), else any device with such a MAC (an application renamed it). A device that merely carries
    /// the pod name may be the pod's own (a rename refused because the name was taken) and is never taken on its name.
    /// </summary>
    private static LinkInfo? FindInPod(RouteNetlink rtnl, AttachmentJournal j)
    {
        var macs = new[] { j.Original.EffectiveMac, j.Requested.Mac }.Where(m => m is not null).ToList();
        var byName = rtnl.TryGetLink(j.Attachment.IfName);
        if (byName is not null && (MoveCompleted(j) || macs.Contains(byName.Mac)))
        {
            return byName;
        }

        if (j.Original.HostIfName is { } hostName && rtnl.TryGetLink(hostName) is { } byHostName && macs.Contains(byHostName.Mac))
        {
            return byHostName;
        }

        return macs.Count == 0 ? null : rtnl.GetLinks().FirstOrDefault(l => l.Mac is not null && macs.Contains(l.Mac));
    }

    /// <summary>
    /// Whether the journal proves the move and rename succeeded: "moved" is written after it, and "ipamDone" and later
    /// after it too. "ipamIssued" does not: with an IPAM plugin that runs during the move it is written before the move
    /// is sent (<see cref="JournalPhase.IpamIssued"/> ranks above "moved" but does not imply it).
    /// </summary>
    private static bool MoveCompleted(AttachmentJournal j) =>
        j.Phase == JournalPhase.Moved || j.Phase >= JournalPhase.IpamDone;

    private void ReturnFromPod(RouteNetlink rtnl, LinkInfo link, AttachmentJournal j)
    {
        var o = j.Original;
        if (link.IsUp)
        {
            rtnl.SetDown(link);
        }

        RestoreAttributes(rtnl, link, o);
        var hostName = o.HostIfName ?? link.Name;
        try
        {
            rtnl.MoveToNetns(link, _host.Netns, hostName);
            HostName = hostName;
        }
        catch (NetlinkException e) when (e.Errno == Errno.EEXIST)
        {
            // The host name is taken on the host. The kernel moved the device under its pod name if that was free
            // there (then refused the rename), else refused the move: finish under a name of our own.
            var fallback = FallbackName(j.DeviceId);
            var onHost = _host.Rtnl.FindMovedLink(link.Index, link.Name, hostName, o.EffectiveMac);
            if (onHost is not null)
            {
                _host.Rtnl.SetName(onHost, fallback);
            }
            else
            {
                rtnl.MoveToNetns(link, _host.Netns, fallback);
            }

            HostName = fallback;
            _context.Log.Warning($"{j.DeviceId}: host name {hostName} is taken on the host; the VF netdev is back as {fallback}");
        }
    }

    private void RestoreOnHost(string name, AttachmentJournal j)
    {
        var o = j.Original;
        var rtnl = _host.Rtnl;
        var link = rtnl.TryGetLink(name) ?? rtnl.GetLink(VfResolver.HostNetdev(_context.Root, j.DeviceId) ?? name); // renamed meanwhile (udev)?
        HostName = link.Name;
        if (link.IsUp)
        {
            rtnl.SetDown(link);
        }

        if (o.HostIfName is { } hostName && name != hostName)
        {
            try
            {
                rtnl.SetName(link, hostName);
                link = rtnl.GetLink(link.Index);
                HostName = hostName;
            }
            catch (NetlinkException e) when (e.Errno == Errno.EEXIST)
            {
                _context.Log.Warning($"{j.DeviceId}: host name {hostName} is taken; the VF netdev keeps the name {name}");
            }
        }

        RestoreAttributes(rtnl, link, o);
    }

    /// <summary>
    /// The VF netdev's own MAC (set again when the VF registers it with its PF, see
    /// <see cref="PfConfigurator.VfRegistersOwnMac"/>) and MTU as ADD found them; altnames it gained since dropped.
    /// </summary>
    private static void RestoreAttributes(RouteNetlink rtnl, LinkInfo link, OriginalVfState o)
    {
        if (o.EffectiveMac is { } mac && (link.Mac != mac || PfConfigurator.VfRegistersOwnMac(o)))
        {
            rtnl.SetMac(link, mac);
        }

        if (o.Mtu > 0 && link.Mtu != o.Mtu)
        {
            rtnl.SetMtu(link, o.Mtu);
        }

        foreach (var alt in link.AltNames.Except(o.AltNames, StringComparer.Ordinal))
        {
            PodNetdev.TryDeleteAltName(rtnl, link, alt);
        }
    }

    /// <summary>A name no driver gives: <c>sv</c> and the PCI address's digits (<c>sv0000af060</c> for 0000:af:06.0).</summary>
    public static string FallbackName(string deviceId) => "sv" + deviceId.Replace(":", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);

    /// <summary>Runs one step: transient failures stop the teardown (code 11); permanent ones are logged and skipped.</summary>
    private void Step(string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (FailureClassifier.IsTransient(e))
        {
            throw new CniException(CniErrorCode.TryAgainLater, $"{what}: {e.Message}; the journal is kept and the next DEL retries");
        }
        catch (Exception e) when (e is NetlinkException or NetnsException or ArgumentException)
        {
            _context.Log.Warning($"{what}: {e.Message} (permanent; skipped)");
        }
    }

    private AttachmentJournal Save(AttachmentJournal j)
    {
        try
        {
            _context.Journals.Write(j);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.TryAgainLater, $"save the journal of {j.Attachment} on {VfIdentity.Of(j)}: {e.Message}");
        }

        return j;
    }
}
