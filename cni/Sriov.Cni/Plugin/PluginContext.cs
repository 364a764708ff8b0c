using Sriov.Cni.Delegation;
using Sriov.Cni.Journal;
using Sriov.Cni.Logging;
using Sriov.Host;
using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

namespace Sriov.Cni.Plugin;

/// <summary>
/// The seams one invocation works through (ARCHITECTURE.md): the host root (sysfs, state directories), the journal
/// store, PF-side VF control, delegates, the logger, and the clock for waits. Production values come from
/// <see cref="Program"/>; tests pass the simulated node's root and the driver emulator.
/// </summary>
internal sealed class PluginContext
{
    public required HostRoot Root { get; init; }

    public required JournalStore Journals { get; init; }

    /// <summary>Makes the PF-side control over the host's rtnetlink client (production: <see cref="NetlinkVfControl"/>).</summary>
    public Func<RouteNetlink, IVfControl> VfControl { get; init; } = static rtnl => new NetlinkVfControl(rtnl);

    public IDelegateRunner Delegates { get; init; } = new SpawnDelegateRunner();

    public CniLog Log { get; set; } = CniLog.Silent;

    /// <summary>How long ADD/DEL wait for the VF's lock (upstream: 60 s).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long DEL waits for a VF to come back to the host after its netns is gone.</summary>
    public TimeSpan ReturnWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Pauses between retries and polls (MAC verification, carrier, VF return).</summary>
    public Action<TimeSpan> Sleep { get; init; } = Thread.Sleep;
}
