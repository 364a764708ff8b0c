using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.Discovery;
using Sriov.ConfigDaemon.Planning;
using Sriov.Host.Netlink;
using static Sriov.ConfigDaemon.Tests.Planning.Snap;

namespace Sriov.ConfigDaemon.Tests.Planning;

/// <summary>Host problems found before anything changes: each names the object and what to do.</summary>
public sealed class HostProblemTests
{
    private const string InPod = "container c1 interface net1 (netns /var/run/netns/pod1)";

    private static readonly Dictionary<string, (SriovNetworkNodeStateSpec Spec, HostSnapshot Host, string Message, bool Conflict)> Cases = new()
    {
        ["vfio-pci requested but not loaded"] = (
            Spec(Iface(numVfs: 2, groups: Group("0-1", "vfio-pci", resource: "dpdk"))), Node([Pf()], drivers: []),
            "vfGroups[0] (dpdk) of PF 0000:3b:00.0 (ens1f0): deviceType vfio-pci asks for driver vfio-pci, which is not loaded on this node; load it ('modprobe vfio-pci'", false),
        ["IOMMU off: the VFs have no iommu_group"] = (
            Spec(Iface(numVfs: 2, groups: Group("0-1", "vfio-pci", resource: "dpdk"))), Node([Pf(vfs: 2, iommu: false)], [Iface(numVfs: 2)]),
            "driver vfio-pci needs an IOMMU group and 0000:3b:01.0 has none (iommu_group missing); enable the IOMMU (intel_iommu=on", false),
        ["IOMMU off: VFs to be created"] = (
            Spec(Iface(numVfs: 2, groups: Group("0-1", "vfio-pci", resource: "dpdk"))), Node([Pf(iommu: false)]),
            "driver vfio-pci needs an IOMMU group and 0000:3b:00.0 has none", false),
        ["more VFs than sriov_totalvfs"] = (
            Spec(Iface(numVfs: 80)), Node([Pf(total: 64)]),
            "PF 0000:3b:00.0 (ens1f0): numVfs 80 is more than sriov_totalvfs 64; ask for at most 64", false),
        ["more VFs than mlx5 firmware allows"] = (
            Spec(Iface(numVfs: 16)), Node([Pf(total: 8, driver: "mlx5_core")]),
            "numVfs 16 is more than sriov_totalvfs 8; ask for at most 8; for mlx5 raise the firmware's NUM_OF_VFS (mstconfig -d 0000:3b:00.0 set SRIOV_EN=1 NUM_OF_VFS=16) and reboot", false),
        ["VF to rebind is in a live pod"] = (
            Spec(Iface(numVfs: 2, groups: Group("0-1", "vfio-pci", resource: "dpdk"))),
            Node([Pf(vfs: 2, vf: v => v.Index == 1 ? v with { AllocatedTo = InPod } : v)], [Iface(numVfs: 2)]),
            $"VF 0000:3b:01.1 (#1 of PF 0000:3b:00.0 (ens1f0)) is allocated to {InPod} and it must be rebound to vfio-pci; drain the node (or delete that pod) first", true),
        ["VF count change removes a VF in a live pod"] = (
            Spec(Iface(numVfs: 4)), Node([Pf(vfs: 2, vf: v => v.Index == 0 ? v with { AllocatedTo = InPod } : v)], [Iface(numVfs: 2)]),
            $"VF 0000:3b:01.0 (#0 of PF 0000:3b:00.0 (ens1f0)) is allocated to {InPod} and changing the VF count from 2 to 4 removes it", true),
        ["reset removes a VF in a live pod"] = (
            Spec(), Node([Pf(vfs: 2, vf: v => v.Index == 1 ? v with { AllocatedTo = InPod } : v)], [Iface(numVfs: 2)]),
            "the PF left the spec, so its VFs are removed; drain the node (or delete that pod) first", true),
        ["switchdev requested"] = (
            Spec(new InterfaceSpec { PciAddress = Pf0, NumVfs = 2, ESwitchMode = "switchdev", VfGroups = [Group("0-1")] }), Node([Pf()]),
            "PF 0000:3b:00.0 (ens1f0): eSwitchMode switchdev is not configured by this config daemon yet; use legacy", false),
        ["PF already in switchdev"] = (
            Spec(Iface(numVfs: 2)), Node([Pf(eswitch: EswitchMode.Switchdev)]),
            "is in switchdev mode and the spec wants legacy; this config daemon does not change e-switch modes yet: run 'devlink dev eswitch set pci/0000:3b:00.0 mode legacy'", false),
        ["link type change is a firmware change"] = (
            Spec(new InterfaceSpec { PciAddress = Pf0, NumVfs = 2, LinkType = "IB", VfGroups = [Group("0-1")] }), Node([Pf()]),
            "linkType IB asks for a firmware change (the port is ETH); this config daemon does not change NIC firmware", false),
        ["malformed vfRange"] = (
            Spec(Iface(numVfs: 2, groups: Group("a-c"))), Node([Pf()]),
            "vfGroups[0] (net) of PF 0000:3b:00.0 (ens1f0): vfRange \"a-c\" is not \"first-last\"", false),
        ["vfRange beyond numVfs"] = (
            Spec(Iface(numVfs: 2, groups: Group("0-3"))), Node([Pf()]),
            "vfRange 0-3 goes beyond the PF's 2 VFs (last index 1); lower the range or raise numVfs", false),
        ["vdpa is not configured yet"] = (
            Spec(Iface(numVfs: 2, groups: new VfGroup { ResourceName = "v", VfRange = "0-1", DeviceType = "netdevice", VdpaType = "virtio" })), Node([Pf()]),
            "vdpaType virtio needs switchdev mode", false),
        ["PF not on the node"] = (
            Spec(Iface(Pf1, numVfs: 2)), Node([Pf()]),
            "the spec names PF 0000:3b:00.1, which is not on this node or is not a supported SR-IOV NIC", false),
        ["externally managed PF with too few VFs"] = (
            Spec(new InterfaceSpec { PciAddress = Pf0, NumVfs = 4, ExternallyManaged = true, VfGroups = [Group("0-3")] }), Node([Pf(vfs: 2)]),
            "is externally managed and has 2 VFs, fewer than numVfs 4; create the VFs outside the operator first", false),
        ["externally managed PF with a smaller MTU"] = (
            Spec(new InterfaceSpec { PciAddress = Pf0, NumVfs = 2, Mtu = 9000, ExternallyManaged = true, VfGroups = [Group("0-1")] }), Node([Pf(vfs: 2)]),
            "is externally managed and its MTU is 1500, lower than mtu 9000", false),
        ["PF without a driver cannot get VFs"] = (
            Spec(Iface(numVfs: 2)), Node([Pf(driver: null)]),
            "has no driver bound, and the kernel creates VFs only through the PF's driver", false),
        ["the same PF twice"] = (
            Spec(Iface(numVfs: 2), Iface(numVfs: 2)), Node([Pf()]),
            "spec.interfaces[1]: PF 0000:3b:00.0 is listed twice", false),
        ["not a PCI address"] = (
            Spec(Iface("ens1f0", numVfs: 2)), Node([Pf()]),
            "spec.interfaces[0].pciAddress \"ens1f0\" is not a PCI address", false),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Problem_is_reported_before_any_change(string name)
    {
        var (spec, host, message, conflict) = Cases[name];

        var plan = NodePlanner.Plan(spec, host);

        var problem = Assert.Single(plan.Problems);
        Assert.Contains(message, problem.Message);
        Assert.Equal(conflict, problem.IsConflict);
        Assert.Equal(conflict, plan.Drain && plan.Problems.Any(p => p.IsConflict));
        Assert.True(plan.HasProblems);
    }

    [Fact]
    public void No_iommu_mode_lets_vfio_pci_bind_without_groups()
    {
        var plan = NodePlanner.Plan(Spec(Iface(numVfs: 1, groups: Group("0-0", "vfio-pci"))), Node([Pf(iommu: false)], noIommu: true));

        Assert.Empty(plan.Problems);
        Assert.Contains("bindDriver#0 ?→vfio-pci", Steps(plan));
    }

    [Fact]
    public void A_dpdk_driver_other_than_vfio_needs_no_iommu()
    {
        var plan = NodePlanner.Plan(Spec(Iface(numVfs: 1, groups: Group("0-0", "uio_pci_generic"))), Node([Pf(iommu: false)], drivers: ["uio_pci_generic"]));

        Assert.Empty(plan.Problems);
    }
}
