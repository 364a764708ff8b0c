using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

namespace Sriov.Cni.Plugin;

/// <summary>
/// The host-side handles of one invocation, opened on first use and shared: one rtnetlink socket in the host netns
/// (which also carries the PF-side VF requests), the VF control over it, and the host netns itself (the target of
/// moves back). The host netns is the main thread's: our binaries never move their main thread.
/// </summary>
internal sealed class HostSession : IDisposable
{
    private readonly PluginContext _context;
    private RouteNetlink? _rtnl;
    private IVfControl? _vfControl;
    private NetNs? _netns;

    public HostSession(PluginContext context) => _context = context;

    public RouteNetlink Rtnl => _rtnl ??= RouteNetlink.Open();

    public IVfControl VfControl => _vfControl ??= _context.VfControl(Rtnl);

    public NetNs Netns => _netns ??= NetNs.OpenHost();

    public void Dispose()
    {
        (_vfControl as IDisposable)?.Dispose();
        _rtnl?.Dispose();
        _netns?.Dispose();
    }
}
