using System.Globalization;
using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.HostAccess;
using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Sim.Node;
using Sriov.Sim.Node.Description;
using Sriov.Sim.Node.Profiles;
using Sriov.Sim.VfDriver;

namespace Sriov.Bench.ConfigDaemon;

/// <summary>
/// The benchmark's node: four X710 NICs (8 PFs × 64 VFs, i40e/iavf, IOMMU on) simulated with file netdevs, the driver
/// emulator for PF-side VF attributes, and a sysfs writer that counts; the spec gives every PF 64 VFs, 32 on vfio-pci
/// and 32 on iavf.
/// </summary>
internal sealed class BenchNode : IDisposable
{
    private BenchNode(SimNode node)
    {
        Node = node;
        Writer = new CountingWriter();
        Vfs = new NodeVfDriver(node, VfDriverProfile.IceIavf);
        Host = new NodeHost(node.Root, TimeProvider.System, Writer, Vfs, new NoLinks(), new NoDevlink());
    }

    public SimNode Node { get; }

    public NodeHost Host { get; }

    public CountingWriter Writer { get; }

    public NodeVfDriver Vfs { get; }

    public static SriovNetworkNodeStateSpec Spec { get; } = new()
    {
        Interfaces = [.. Description().Ports.Select(p => new InterfaceSpec
        {
            PciAddress = p.PciAddress,
            Name = p.Netdev,
            NumVfs = 64,
            VfGroups =
            [
                new VfGroup { ResourceName = "dpdk", DeviceType = "vfio-pci", VfRange = "0-31", PolicyName = "dpdk" },
                new VfGroup { ResourceName = "net", DeviceType = "netdevice", VfRange = "32-63", PolicyName = "net" },
            ],
        })],
    };

    public static BenchNode Create() =>
        new(SimNode.Create(Description(), new SimNodeOptions { NetdevDelay = TimeSpan.FromMilliseconds(1) }));

    public void Dispose()
    {
        Vfs.Dispose();
        Host.Dispose();
        Node.Dispose();
    }

    private static NodeDescription Description()
    {
        var description = new NodeDescription { Name = "bench-8x64", Iommu = "on" };
        for (var nic = 0; nic < 4; nic++)
        {
            var ports = NodeProfiles.Get("intel-x710").Ports;
            var bus = 0x5e + (2 * nic);
            for (var port = 0; port < 2; port++)
            {
                ports[port].PciAddress = string.Create(CultureInfo.InvariantCulture, $"0000:{bus:x2}:00.{port}");
                ports[port].Bridge = string.Create(CultureInfo.InvariantCulture, $"0000:{bus - 1:x2}:00.0");
                ports[port].Netdev = string.Create(CultureInfo.InvariantCulture, $"ens{2 + nic}f{port}");
                ports[port].Mac = string.Create(CultureInfo.InvariantCulture, $"3c:fd:fe:b0:{bus:x2}:0{port}");
            }

            description.Ports.AddRange(ports);
        }

        return description;
    }

    /// <summary>Counts sysfs writes (the budget: a re-apply makes none).</summary>
    internal sealed class CountingWriter : ISysfsWriter
    {
        private int _writes;

        public int Writes => Volatile.Read(ref _writes);

        public int Write(string path, string content)
        {
            Interlocked.Increment(ref _writes);
            return KernelSysfsWriter.Instance.Write(path, content);
        }
    }

    // The spec sets no MTU and every PF is up, so no link change is expected; one would be a bug the run reports.
    private sealed class NoLinks : ILinkControl
    {
        public void SetMtu(string ifName, int mtu) => throw new InvalidOperationException($"unexpected MTU change on {ifName}");

        public void SetUp(string ifName) => throw new InvalidOperationException($"unexpected link up of {ifName}");

        public IReadOnlyList<string> AltNames(string ifName) => [];
    }

    private sealed class NoDevlink : IEswitchModes
    {
        public EswitchMode Get(string pciAddress) => EswitchMode.NotSupported;
    }
}
