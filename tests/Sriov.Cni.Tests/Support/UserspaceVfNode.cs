using Sriov.Cni.Journal;
using Sriov.Cni.Plugin;
using Sriov.Host.Sysfs;
using Sriov.Sim.Node;
using Sriov.Sim.Node.Profiles;
using Sriov.Sim.VfDriver;

namespace Sriov.Cni.Tests.Support;

/// <summary>
/// A simulated E810 node with files for netdevs (no root needed) whose VFs are bound to vfio-pci, so ADD does the
/// PF-side settings only and no netdev moves; the PF side is the driver emulator with a chosen profile. CNI_NETNS is
/// the test process's own namespace (ADD opens it, but moves nothing into it).
/// </summary>
internal sealed class UserspaceVfNode : IDisposable
{
    public const string Netns = "/proc/self/ns/net";

    public UserspaceVfNode(VfDriverProfile profile, int vfs = 2)
    {
        var description = NodeProfiles.Get("intel-e810");
        description.Ports[0].NumVfs = vfs;
        Node = SimNode.Create(description);
        var pf = new PciDiscovery(Node.Root).Discover(PciAddress.Parse(PfPci))!;
        Vfs = [.. pf.Vfs.Select(v => v.Address.ToString())];
        var control = new PciControl(Node.Root, TimeProvider.System);
        foreach (var vf in pf.Vfs)
        {
            Assert.True(control.BindDriverAsync(vf.Address, "vfio-pci").GetAwaiter().GetResult());
        }

        Emulator = new VfDriverEmulator(profile);
        Emulator.AddPf(PfName, vfs);
    }

    public const string PfPci = "0000:3b:00.0";

    public const string PfName = "ens1f0";

    public SimNode Node { get; }

    public VfDriverEmulator Emulator { get; }

    public IReadOnlyList<string> Vfs { get; }

    public JournalStore Journals => new(Node.Root.CniState);

    public PluginContext Context() => new() { Root = Node.Root, Journals = Journals, VfControl = _ => Emulator, Sleep = _ => { } };

    public CniOutput Run(string command, string conf, string containerId = "ctr1", string ifName = "net1") =>
        InProcess.Run(Context(), InProcess.Env(command, containerId, ifName, Netns, "/usr/lib/cni"), conf);

    public void Dispose() => Node.Dispose();
}
