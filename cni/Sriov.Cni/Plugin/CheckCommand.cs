using System.Text.Json;
using Sriov.Cni.Config;
using Sriov.Cni.Delegation;
using Sriov.Cni.Journal;
using Sriov.Cni.Results;
using Sriov.Cni.Skel;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;

namespace Sriov.Cni.Plugin;

/// <summary>
/// CNI CHECK (sriov-cni #146, which upstream never implemented): the attachment's journal says ADD completed; the
/// interface is in the pod's netns under CNI_IFNAME with the MAC ADD reported; the addresses and routes of
/// <c>prevResult</c> are there (routes with the gateway ADD used); the PF still reports every requested VF setting;
/// and the IPAM delegate's CHECK passes (its error is passed on). Code 109 names everything that differs.
/// </summary>
internal sealed class CheckCommand
{
    private readonly PluginContext _context;

    public CheckCommand(PluginContext context) => _context = context;

    public void Run(CniEnvironment env, NetConf conf)
    {
        var settings = NetConfValidator.Validate(conf, CniArgs.Parse(env.Args));
        var attachment = new Attachment(env.ContainerId, env.IfName);
        AttachmentJournal? journal;
        try
        {
            journal = _context.Journals.Read(attachment);
        }
        catch (JournalFormatException e)
        {
            throw new CniException(CniErrorCode.CheckFailed, $"{attachment}: the journal is unreadable: {e.Message}");
        }

        if (journal is null || journal.Phase != JournalPhase.Complete)
        {
            throw new CniException(
                CniErrorCode.CheckFailed,
                journal is null
                    ? $"{attachment} is not attached on this node (no journal in {_context.Journals.Directory})"
                    : $"{attachment}: ADD did not complete (journal phase {JournalCodec.PhaseName(journal.Phase)})");
        }

        var expected = PrevResult(conf);
        var problems = new List<string>();
        using var host = new HostSession(_context);
        if (journal.Mode == VfMode.Netdev)
        {
            problems.AddRange(CheckPod(env, journal, expected));
        }

        if (!settings.IsEmpty)
        {
            var actual = host.VfControl.GetVf(journal.PfName, journal.VfIndex);
            problems.AddRange(PfConfigurator.Differences(actual, settings));
        }

        if (problems.Count > 0)
        {
            throw new CniException(CniErrorCode.CheckFailed, $"{attachment} (VF {journal.DeviceId} of PF {journal.PfName}): {string.Join("; ", problems)}");
        }

        if (conf.HasIpam)
        {
            try
            {
                new IpamDelegate(_context.Delegates).Check(DelegateRequest.Ipam(conf, env, "CHECK"));
            }
            catch (DelegateException e)
            {
                throw new CniException(e.Code > 0 ? e.Code : CniErrorCode.IpamFailed, e.Message, e.Details);
            }
        }
    }

    private static List<string> CheckPod(CniEnvironment env, AttachmentJournal journal, CniResult? expected)
    {
        NetNs pod;
        try
        {
            pod = NetNs.Open(env.Netns);
        }
        catch (NetnsException e)
        {
            return [$"netns {env.Netns}: {e.Message}"];
        }

        using (pod)
        {
            if (journal.NetnsInode is { } inode && inode != pod.Inode)
            {
                return [$"netns {env.Netns} is not the namespace ADD used (inode {pod.Inode}, ADD saw {inode})"];
            }

            using var rtnl = RouteNetlink.OpenIn(pod);
            if (rtnl.TryGetLink(env.IfName) is not { } link)
            {
                return [$"interface {env.IfName} is missing in netns {env.Netns}"];
            }

            var problems = new List<string>();
            var ours = expected?.Interfaces.FirstOrDefault(i => i.Name == env.IfName && !string.IsNullOrEmpty(i.Sandbox));
            var wantMac = ours?.Mac is { } m && MacAddress.TryParse(m, out var parsed) ? parsed : journal.Requested.Mac;
            if (wantMac is { } mac && link.Mac != mac)
            {
                problems.Add($"{env.IfName} has MAC {link.Mac}, want {mac}");
            }

            if (expected is not null)
            {
                var index = expected.Interfaces.ToList().FindIndex(i => i.Name == env.IfName && !string.IsNullOrEmpty(i.Sandbox));
                var ips = expected.Ips.Where(ip => ip.Interface is null || ip.Interface == index).ToList();
                problems.AddRange(IpConfigurator.Verify(rtnl, link, expected with { Ips = ips }));
            }

            return problems;
        }
    }

    private static CniResult? PrevResult(NetConf conf)
    {
        if (conf.PrevResult is not { } prev)
        {
            return null;
        }

        try
        {
            return ResultParser.Parse(prev, conf.CniVersion);
        }
        catch (CniException e)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"prevResult: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"prevResult: {e.Message}");
        }
    }
}
