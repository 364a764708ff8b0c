namespace Sriov.ConfigDaemon.HostAccess;

/// <summary>
/// Link changes on the node's own interfaces (PF and VF netdevs): MTU and administrative state, and the altnames the
/// status reports. Production: rtnetlink (<see cref="NetlinkLinkControl"/>); the daemon runs with hostNetwork, so its
/// own namespace is the host's. Failures are <see cref="Sriov.Host.Netlink.NetlinkException"/>s naming the device.
/// </summary>
internal interface ILinkControl
{
    void SetMtu(string ifName, int mtu);

    void SetUp(string ifName);

    /// <summary>The interface's alternative names; empty when it has none or is not in this namespace.</summary>
    IReadOnlyList<string> AltNames(string ifName);
}
