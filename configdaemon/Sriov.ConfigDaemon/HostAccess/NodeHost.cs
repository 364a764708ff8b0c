using Sriov.Host;
using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Host.VfControl;

namespace Sriov.ConfigDaemon.HostAccess;

/// <summary>
/// Every I/O seam the daemon uses on its node (ARCHITECTURE.md, "Seams"): the host root (sysfs and the state
/// directories under it), the sysfs write seam, PF-side VF control, link control, devlink and the clock. Production
/// builds it with <see cref="Open"/>; tests pass the simulated node's root with the driver emulator.
/// </summary>
internal sealed class NodeHost : IDisposable
{
    private readonly IDisposable[] _owned;

    public NodeHost(
        HostRoot root,
        TimeProvider time,
        ISysfsWriter writer,
        IVfControl vfs,
        ILinkControl links,
        IEswitchModes eswitch,
        string? stateDir = null,
        params IDisposable[] owned)
    {
        Root = root;
        StateDir = stateDir ?? root.OperatorState;
        Time = time;
        Writer = writer;
        Vfs = vfs;
        Links = links;
        Eswitch = eswitch;
        _owned = owned;
    }

    public HostRoot Root { get; }

    /// <summary>Where the per-PF records live (<c>pci/&lt;pci&gt;</c>): <c>&lt;host root&gt;/etc/sriov-operator</c> by default.</summary>
    public string StateDir { get; }

    public TimeProvider Time { get; }

    public ISysfsWriter Writer { get; }

    public IVfControl Vfs { get; }

    public ILinkControl Links { get; }

    public IEswitchModes Eswitch { get; }

    /// <summary>The real node: sysfs under <paramref name="root"/>, rtnetlink and devlink in the daemon's own namespace.</summary>
    public static NodeHost Open(HostRoot root, string? stateDir = null)
    {
        var vfs = NetlinkVfControl.Open();
        var links = new NetlinkLinkControl(RouteNetlink.Open());
        var eswitch = new DevlinkEswitchModes();
        return new NodeHost(root, TimeProvider.System, KernelSysfsWriter.Instance, vfs, links, eswitch, stateDir, vfs, links, eswitch);
    }

    public void Dispose()
    {
        foreach (var d in _owned)
        {
            d.Dispose();
        }
    }
}
