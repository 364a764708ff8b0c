using Sriov.ConfigDaemon.HostAccess;
using Sriov.Host.Netlink;
using Sriov.Host.VfControl;
using Sriov.Sim.Node;
using Sriov.Sim.VfDriver;

namespace Sriov.ConfigDaemon.Tests.Support;

/// <summary>A <see cref="NodeHost"/> over a simulated node, with every seam observable.</summary>
internal sealed class SimHost
{
    /// <param name="wrapVfs">Puts something in front of the driver emulator (a driver that misbehaves).</param>
    public SimHost(SimNode node, Func<string, string, int>? errno = null, string? stateDir = null, Func<IVfControl, IVfControl>? wrapVfs = null)
    {
        Node = node;
        Writer = new RecordingWriter(errno);
        // One driver profile per node (its first port's driver); the accelerator profile has no VF netdev driver.
        Vfs = new NodeVfDriver(node, node.Description.Ports[0].Driver switch
        {
            "igb" or "ice" or "i40e" or "iavf" or "mlx5_core" => VfDriverProfile.ByName(node.Description.Ports[0].Driver),
            _ => VfDriverProfile.IceIavf,
        });
        Links = new FileLinkControl(node.Root);
        Host = new NodeHost(node.Root, TimeProvider.System, Writer, wrapVfs?.Invoke(Vfs) ?? Vfs, Links, new FakeEswitch(Eswitch), stateDir);
    }

    public SimNode Node { get; }

    public NodeHost Host { get; }

    public RecordingWriter Writer { get; }

    public NodeVfDriver Vfs { get; }

    public FileLinkControl Links { get; }

    /// <summary>E-switch modes by PF address; absent: what a device without devlink answers.</summary>
    public Dictionary<string, EswitchMode> Eswitch { get; } = [];

    /// <summary>Every change any seam saw: sysfs writes, link calls, PF-side VF sets.</summary>
    public int Changes => Writer.Writes.Count + Links.Calls.Count + Vfs.Emulator.Log.Count;

    private sealed class FakeEswitch(Dictionary<string, EswitchMode> modes) : IEswitchModes
    {
        public EswitchMode Get(string pciAddress) => modes.GetValueOrDefault(pciAddress, EswitchMode.NotSupported);
    }
}
