using Sriov.Host.Netlink;

namespace Sriov.ConfigDaemon.HostAccess;

/// <summary><see cref="ILinkControl"/> over rtnetlink in the daemon's namespace. Not thread-safe (one socket).</summary>
internal sealed class NetlinkLinkControl : ILinkControl, IDisposable
{
    private readonly RouteNetlink _rtnl;

    public NetlinkLinkControl(RouteNetlink rtnl) => _rtnl = rtnl;

    public void SetMtu(string ifName, int mtu) => _rtnl.SetMtu(_rtnl.GetLink(ifName), mtu);

    public void SetUp(string ifName) => _rtnl.SetUp(_rtnl.GetLink(ifName));

    public IReadOnlyList<string> AltNames(string ifName) => _rtnl.TryGetLink(ifName)?.AltNames ?? [];

    public void Dispose() => _rtnl.Dispose();
}
