using Sriov.Cni.Config;
using Sriov.Cni.Delegation;
using Sriov.Cni.Journal;
using Sriov.Cni.Results;
using Sriov.Cni.Skel;
using Sriov.Host.Announce;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;
using Sriov.Host.Ownership;

namespace Sriov.Cni.Plugin;

/// <summary>
/// CNI ADD (docs/cni.md, "ADD"). Everything is checked before the first change: config, environment, the VF in sysfs,
/// the reconfiguring marker, the lock, the allocation record, the pod's netns and its interface names, and the PF's
/// VF attributes. Then the journal and the allocation record are written, and each step updates the journal before it
/// starts: PF-side settings, the move into the pod (one request, with the rename), MAC and link up, IPAM, addresses and
/// routes. Any failure runs <see cref="Teardown"/> on what the journal says was done, IPAM included, and reports the
/// first error. Announcements (gratuitous ARP, unsolicited NA) follow success, best effort.
/// </summary>
internal sealed class AddCommand
{
    private static readonly TimeSpan CarrierWait = TimeSpan.FromMilliseconds(200);
    private readonly PluginContext _context;
    private AttachmentJournal? _journal;
    private bool _kernelAnnounces;

    public AddCommand(PluginContext context) => _context = context;

    public byte[] Run(CniEnvironment env, NetConf conf)
    {
        var args = CniArgs.Parse(env.Args);
        var settings = NetConfValidator.Validate(conf, args);
        if (conf.HasIpam && env.Path.Count == 0)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, $"CNI_PATH is empty; it is needed to find the IPAM plugin \"{conf.IpamType}\"");
        }

        var attachment = new Attachment(env.ContainerId, env.IfName);
        var vf = VfResolver.Resolve(_context.Root, conf.DeviceId);
        VfClaims.CheckNotReconfiguring(_context.Root, vf);
        using var vfLock = VfClaims.Lock(_context, conf.DeviceId);
        VfClaims.CheckNotReconfiguring(_context.Root, vf);
        using var host = new HostSession(_context);
        using var pod = OpenPod(env.Netns);
        if (FinishLeftovers(attachment, conf, env, host) is { } restored)
        {
            // The teardown knows where it left the VF netdev (sysfs tells the same on a real kernel).
            vf = VfResolver.Resolve(_context.Root, conf.DeviceId) with { Netdev = restored.Length > 0 ? restored : null };
        }

        var mode = vf.Netdev is not null ? VfMode.Netdev
            : VfResolver.IsUserspaceDriver(vf.Driver) ? VfMode.Userspace
            : throw new CniException(
                CniErrorCode.VfUnusable,
                $"{vf} has no network interface on the host and its driver ({vf.Driver ?? "none"}) is not a userspace driver; it may still be in another pod's netns, or its driver is not bound");

        using var podRtnl = mode == VfMode.Netdev ? RouteNetlink.OpenIn(pod) : null;
        if (podRtnl?.TryGetLink(env.IfName) is { } taken)
        {
            throw new CniException(CniErrorCode.AttachmentExists, $"interface {env.IfName} already exists in netns {env.Netns} ({taken}); choose another CNI_IFNAME");
        }

        var journal = Capture(attachment, conf, settings, vf, mode, pod, host);
        Save(journal);
        try
        {
            AllocationRecords.Write(_context.Root, VfClaims.RecordFor(journal), durable: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _context.Journals.Delete(attachment);
            throw new CniException(CniErrorCode.StateFailed, $"write the allocation record of {vf}: {e.Message}");
        }

        _context.Log.Info($"{vf}: {(mode == VfMode.Netdev ? $"moving {vf.Netdev} into {env.Netns} as {env.IfName}" : $"userspace driver {vf.Driver}: PF-side settings only")}");
        CniResult result;
        LinkInfo? link;
        try
        {
            (result, link) = Attach(env, conf, settings, vf, mode, pod, podRtnl, host);
        }
        catch (Exception e)
        {
            var error = e as CniException ?? new CniException(CniErrorCode.Internal, $"{vf}: {e.Message}", null, e);
            throw Rollback(error, env, conf, pod, host);
        }

        if (link is not null && result.Ips.Count > 0)
        {
            Announce(podRtnl!, pod, link, result);
        }

        return ResultWriter.Write(result, conf.CniVersion);
    }

    private (CniResult, LinkInfo?) Attach(
        CniEnvironment env, NetConf conf, PfSettings settings, VfIdentity vf, VfMode mode, NetNs pod, RouteNetlink? podRtnl, HostSession host)
    {
        if (!settings.IsEmpty)
        {
            var pf = new PfConfigurator(host.VfControl, _context.Sleep);
            Advance(JournalPhase.PfConfig);
            foreach (var setting in settings.Requested)
            {
                var issued = _journal!.Issued;
                Save(_journal with { Issued = [.. issued, setting] });
                Step(CniErrorCode.PfSettingFailed, $"set {settings.Describe(setting)} on VF {vf.VfIndex} of PF {vf.PfName} ({vf.DeviceId})", () =>
                {
                    try
                    {
                        pf.Apply(vf.PfName, vf.VfIndex, settings, setting);
                    }
                    catch (NetlinkException)
                    {
                        // The kernel answered with an error: nothing was applied, so the rollback must not "restore"
                        // it (igb would refuse that link_state restore the same way). A kill before the answer keeps it
                        // in the journal, and DEL then restores it (a refusal there is permanent and skipped).
                        Save(_journal! with { Issued = issued });
                        throw;
                    }
                });
            }
        }

        LinkInfo? link = null;
        var mtu = vf.PfMtu;
        var ipam = new CniResult();
        var ipamDelegate = new IpamDelegate(_context.Delegates);
        var ipamRequest = conf.HasIpam ? DelegateRequest.Ipam(conf, env, "ADD") : null;
        var ipamWhat = $"IPAM plugin \"{conf.IpamType}\" for {vf}";
        IRunningDelegate? ipamRun = null;
        try
        {
            if (mode == VfMode.Netdev)
            {
                // An IPAM plugin that only allocates runs while the kernel moves the VF (the move is ~20 ms of RCU
                // grace period): the journal then says "ipamIssued" for both, before either starts.
                var overlap = ipamRequest is not null && !IpamDelegate.UsesInterface(conf.IpamType);
                Advance(overlap ? JournalPhase.IpamIssued : JournalPhase.MoveIssued);
                if (overlap)
                {
                    ipamRun = Step(CniErrorCode.IpamFailed, ipamWhat, () => ipamDelegate.Start(ipamRequest!));
                }

                Step(CniErrorCode.NetdevFailed, $"move {vf.Netdev} ({vf.DeviceId} of PF {vf.PfName}) into netns {env.Netns} as {env.IfName}",
                    () => PodNetdev.MoveIn(host.Rtnl, podRtnl!, host.Rtnl.GetLink(vf.Netdev!), pod, host.Netns, env.IfName));
                Advance(JournalPhase.Moved);
                (link, _kernelAnnounces) = Step(CniErrorCode.NetdevFailed, $"configure {vf} as {env.IfName} in netns {env.Netns}",
                    () => new PodNetdev(_context.Sleep).Configure(podRtnl!, pod, env.IfName, vf.Netdev!, settings.Mac));
                mtu = link.Mtu;
            }

            if (ipamRequest is not null)
            {
                if (ipamRun is null)
                {
                    Advance(JournalPhase.IpamIssued);
                    ipamRun = Step(CniErrorCode.IpamFailed, ipamWhat, () => ipamDelegate.Start(ipamRequest));
                }

                ipam = Step(CniErrorCode.IpamFailed, ipamWhat, () => IpamDelegate.Result(ipamRun, ipamRequest, conf.CniVersion));
                if (ipam.Ips.Count == 0)
                {
                    throw new CniException(CniErrorCode.IpamFailed, $"IPAM plugin \"{conf.IpamType}\" returned no IP addresses for {vf}");
                }

                Advance(JournalPhase.IpamDone);
                if (link is not null)
                {
                    Step(CniErrorCode.AddressFailed, $"add the IPAM addresses and routes to {vf} as {env.IfName} in netns {env.Netns}",
                        () => new IpConfigurator(_context.Sleep).Configure(podRtnl!, pod, link, ipam));
                }
            }
        }
        finally
        {
            // On a failure while IPAM runs, wait for it: the rollback then releases what it allocated.
            ipamRun?.Dispose();
        }

        Save(_journal! with { Phase = JournalPhase.Complete, Mtu = mtu });
        var original = _journal!.Original;
        var mac = link?.Mac ?? settings.Mac ?? (original.AdminMac.IsZero ? null : original.AdminMac);
        var iface = new ResultInterface
        {
            Name = env.IfName,
            Mac = mac?.ToString(),
            Mtu = mtu,
            Sandbox = env.Netns,
            PciId = vf.DeviceId,
        };
        var result = new CniResult
        {
            Interfaces = [iface],
            Ips = [.. ipam.Ips.Select(ip => ip with { Interface = 0 })],
            Routes = ipam.Routes,
            Dns = ipam.Dns,
        };
        return (result, link);
    }

    private static AttachmentJournal Capture(
        Attachment attachment, NetConf conf, PfSettings settings, VfIdentity vf, VfMode mode, NetNs pod, HostSession host)
    {
        var vfs = Step(CniErrorCode.VfNotFound, $"read the VFs of PF {vf.PfName}", () => host.VfControl.GetVfs(vf.PfName));
        var info = vfs.FirstOrDefault(v => v.Vf == vf.VfIndex);
        if (vfs.Count == 0 && !settings.IsEmpty)
        {
            var first = settings.Requested[0];
            throw new CniException(
                CniErrorCode.UnsupportedField,
                $"{settings.Describe(first)} cannot be honoured for {vf}: the PF reports no VF attributes over netlink (its driver has no SR-IOV netlink support); remove the PF-side settings from the config");
        }

        if (vfs.Count > 0 && info is null)
        {
            throw new CniException(CniErrorCode.VfNotFound, $"PF {vf.PfName} does not report VF {vf.VfIndex} ({vf.DeviceId}); were its VFs re-created?");
        }

        var netdev = mode == VfMode.Netdev
            ? Step(CniErrorCode.VfNotFound, $"read VF netdev {vf.Netdev} ({vf.DeviceId})", () => host.Rtnl.GetLink(vf.Netdev!))
            : null;
        return new AttachmentJournal
        {
            Attachment = attachment,
            NetworkName = conf.Name,
            CniVersion = conf.CniVersion,
            NetnsPath = pod.Path,
            NetnsInode = pod.Inode,
            DeviceId = vf.DeviceId,
            PfName = vf.PfName,
            VfIndex = vf.VfIndex,
            Mode = mode,
            Driver = vf.Driver,
            Requested = settings,
            Mtu = netdev?.Mtu ?? vf.PfMtu,
            Original = OriginalVfState.Capture(info, netdev),
            Phase = JournalPhase.Prepared,
            Config = conf,
            IpamType = conf.IpamType,
        };
    }

    /// <summary>
    /// Before a new ADD touches the VF: completes the teardown of this attachment's own killed ADD, and of a dead pod
    /// whose record still holds the VF (its netns is gone; its journal may still owe the VF's host name back). A live
    /// record naming another attachment refuses the VF (code 102). Returns null when nothing was torn down, else the
    /// VF netdev's name on the host now ("" for none).
    /// </summary>
    private string? FinishLeftovers(Attachment attachment, NetConf conf, CniEnvironment env, HostSession host)
    {
        string? changed = null;
        var own = ReadJournal(attachment);
        if (own is not null)
        {
            if (own.Phase == JournalPhase.Complete || own.DeviceId != conf.DeviceId)
            {
                throw new CniException(
                    CniErrorCode.AttachmentExists,
                    $"{attachment} already has an attachment on {own.DeviceId} (phase {JournalCodec.PhaseName(own.Phase)}); DEL it first");
            }

            _context.Log.Info($"{attachment}: completing the teardown of an earlier ADD that stopped at phase {JournalCodec.PhaseName(own.Phase)}");
            changed = FinishTeardown(own, env, host);
        }

        var record = AllocationRecords.Read(_context.Root, conf.DeviceId);
        if (record is null)
        {
            return changed;
        }

        if (AllocationRecords.IsLive(record))
        {
            if (!record.Names(attachment.ContainerId, attachment.IfName, env.Netns))
            {
                throw new CniException(
                    CniErrorCode.VfInUse,
                    $"VF {conf.DeviceId} is already allocated to {record.Owner}, whose netns still exists; the device plugin should not hand out one VF twice");
            }
        }
        else if (record.ContainerId is { } cid && record.IfName is { } ifName
            && ReadJournal(new Attachment(cid, ifName)) is { } dead && dead.DeviceId == conf.DeviceId)
        {
            _context.Log.Info($"VF {conf.DeviceId}: finishing the teardown of {dead.Attachment}, whose netns {record.NetnsPath} is gone");
            changed = FinishTeardown(dead, env with { Args = string.Empty }, host);
        }

        AllocationRecords.Delete(_context.Root, conf.DeviceId);
        return changed;
    }

    private string FinishTeardown(AttachmentJournal journal, CniEnvironment env, HostSession host)
    {
        var teardown = new Teardown(_context, host);
        var outcome = teardown.Run(journal, new TeardownRequest
        {
            Args = env.Args,
            Path = env.Path,
            ReturnWait = _context.ReturnWait,
        });
        if (outcome == TeardownOutcome.AwaitingReturn)
        {
            throw new CniException(
                CniErrorCode.TryAgainLater,
                $"{VfIdentity.Of(journal)} has not come back to the host from the deleted netns {journal.NetnsPath} of {journal.Attachment} yet; try again later");
        }

        VfClaims.Release(_context.Root, journal, string.Empty);
        _context.Journals.Delete(journal.Attachment);
        VfClaims.DeleteLeftovers(_context, journal);
        return teardown.HostName ?? VfResolver.HostNetdev(_context.Root, journal.DeviceId) ?? string.Empty;
    }

    private CniException Rollback(CniException error, CniEnvironment env, NetConf conf, NetNs pod, HostSession host)
    {
        var journal = _journal!;
        _context.Log.Error($"{error.Message}; rolling back from phase {JournalCodec.PhaseName(journal.Phase)}");
        try
        {
            var outcome = new Teardown(_context, host).Run(journal, new TeardownRequest
            {
                PodNetns = pod,
                IpamStdin = conf.Raw,
                Args = env.Args,
                Path = env.Path,
                ReturnWait = _context.ReturnWait,
            });
            if (outcome == TeardownOutcome.Done)
            {
                VfClaims.Release(_context.Root, journal, string.Empty);
                _context.Journals.Delete(journal.Attachment);
                return error;
            }
        }
        catch (Exception e) when (e is CniException or IOException)
        {
            _context.Log.Error($"rollback incomplete: {e.Message}");
            return new CniException(error.Code, $"{error.Message} (rollback incomplete: {e.Message}; DEL completes it from the journal)", error.Details, error);
        }

        return new CniException(error.Code, $"{error.Message} (rollback incomplete; DEL completes it from the journal)", error.Details, error);
    }

    /// <summary>
    /// Gratuitous ARP / unsolicited NA once the link has carrier (≤ 200 ms, as upstream), best effort. With
    /// <c>arp_notify</c>/<c>ndisc_notify</c> on, the kernel announces every address itself when the device's address is
    /// set (net/ipv4/devinet.c and net/ipv6/ndisc.c on NETDEV_CHANGEADDR), so setting the MAC it already has is the
    /// whole job: no packet socket, whose close waits for an RCU grace period (~7 ms here) in packet_release. When that
    /// cannot be used (a driver refusing the set, such as igbvf under an admin MAC without trust, or no arp_notify),
    /// the packets are sent from a packet socket as upstream does.
    /// </summary>
    private void Announce(RouteNetlink podRtnl, NetNs pod, LinkInfo link, CniResult result)
    {
        try
        {
            var delay = TimeSpan.FromMilliseconds(2);
            var waited = TimeSpan.Zero;
            var now = podRtnl.GetLink(link.Index);
            while (!(now.IsUp && now.IsRunning) && waited < CarrierWait)
            {
                _context.Sleep(delay);
                waited += delay;
                delay *= 1.5;
                now = podRtnl.GetLink(link.Index);
            }

            if (now.Mac is not { IsValidUnicast: true } mac)
            {
                return;
            }

            if (_kernelAnnounces)
            {
                try
                {
                    podRtnl.SetMac(now, mac);
                    return;
                }
                catch (NetlinkException e)
                {
                    _context.Log.Debug($"announce on {link.Name} through the kernel: {e.Message}; sending the packets instead");
                }
            }

            foreach (var failure in NeighborAnnouncer.Announce(pod, link.Index, mac, IpConfigurator.Addresses(result)))
            {
                _context.Log.Debug($"announce on {link.Name}: {failure}");
            }
        }
        catch (Exception e) when (e is NetlinkException or NetnsException)
        {
            _context.Log.Debug($"announce on {link.Name}: {e.Message}");
        }
    }

    private static NetNs OpenPod(string path)
    {
        try
        {
            return NetNs.Open(path);
        }
        catch (NetnsException e)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, $"CNI_NETNS {path}: {e.Message}");
        }
    }

    private AttachmentJournal? ReadJournal(Attachment attachment)
    {
        try
        {
            return _context.Journals.Read(attachment);
        }
        catch (JournalFormatException e)
        {
            _context.Log.Warning($"{_context.Journals.PathFor(attachment)} is not a journal ({e.Message}); ignoring it");
            return null;
        }
    }

    /// <summary>Moves the journal's phase forward (never back: one phase may cover two steps running together).</summary>
    private void Advance(JournalPhase phase)
    {
        if (phase > _journal!.Phase)
        {
            Save(_journal with { Phase = phase });
        }
    }

    private void Save(AttachmentJournal journal)
    {
        try
        {
            _context.Journals.Write(journal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.StateFailed, $"write the journal {_context.Journals.PathFor(journal.Attachment)} of {VfIdentity.Of(journal)}: {e.Message}");
        }

        _journal = journal;
    }

    private static void Step(int code, string what, Action action) => Step(code, what, () =>
    {
        action();
        return true;
    });

    private static T Step<T>(int code, string what, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is NetlinkException or NetnsException or IOException or DelegateException or ArgumentException)
        {
            var details = (e as DelegateException)?.Details;
            throw new CniException(code, $"{what}: {e.Message}", details, e);
        }
    }
}
