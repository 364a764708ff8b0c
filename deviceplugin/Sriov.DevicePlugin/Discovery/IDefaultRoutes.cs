namespace Sriov.DevicePlugin.Discovery;

/// <summary>The netlink seam of discovery: which netdevs carry a default route (one route dump per discovery, never a
/// per-device call).</summary>
internal interface IDefaultRoutes
{
    /// <summary>Names of the netdevs carrying an IPv4 default route in the main table.</summary>
    IReadOnlySet<string> Read();
}
