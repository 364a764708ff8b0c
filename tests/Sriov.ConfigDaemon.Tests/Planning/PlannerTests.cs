using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.Discovery;
using Sriov.ConfigDaemon.Planning;
using static Sriov.ConfigDaemon.Tests.Planning.Snap;

namespace Sriov.ConfigDaemon.Tests.Planning;

/// <summary>The planner's tables: spec + host + records → steps (short form, see <see cref="Snap.Short"/>) and drain.</summary>
public sealed class PlannerTests
{
    private static readonly Dictionary<string, (SriovNetworkNodeStateSpec Spec, HostSnapshot Host, string Steps, bool Drain)> Cases = new()
    {
        ["re-applying an applied state plans nothing"] = (
            Spec(Iface(numVfs: 4)), Node([Pf(vfs: 4)], [Iface(numVfs: 4)]), "", false),
        ["VFs where there were none: no drain"] = (
            Spec(Iface(numVfs: 2)), Node([Pf()]),
            "markReconfiguring, setNumVfs 0→2, bindDefaultDriver#0, setVfAdminMac#0, bindDefaultDriver#1, setVfAdminMac#1, saveRecord, clearMarker",
            false),
        ["more VFs: the old ones go, so drain"] = (
            Spec(Iface(numVfs: 6, groups: Group("0-3"))), Node([Pf(vfs: 4)], [Iface(numVfs: 4)]),
            "markReconfiguring, setNumVfs 4→6!, bindDefaultDriver#0, setVfAdminMac#0, bindDefaultDriver#1, setVfAdminMac#1, bindDefaultDriver#2, setVfAdminMac#2, bindDefaultDriver#3, setVfAdminMac#3, saveRecord, clearMarker",
            true),
        ["partition change: two VFs move to vfio-pci"] = (
            Spec(Iface(numVfs: 4, groups: [Group("0-1", "vfio-pci", resource: "dpdk"), Group("2-3")])), Node([Pf(vfs: 4)], [Iface(numVfs: 4)]),
            "markReconfiguring, bindDriver#0 iavf→vfio-pci!, bindDriver#1 iavf→vfio-pci!, saveRecord, clearMarker", true),
        ["driver change back to netdevice"] = (
            Spec(Iface(numVfs: 2)), Node([Pf(vfs: 2, vfDriver: "vfio-pci")], [Iface(numVfs: 2, groups: Group("0-1", "vfio-pci"))]),
            "markReconfiguring, bindDefaultDriver#0 vfio-pci→?!, setVfAdminMac#0, bindDefaultDriver#1 vfio-pci→?!, setVfAdminMac#1, saveRecord, clearMarker", true),
        ["group MTU on existing VFs: no drain"] = (
            Spec(Iface(numVfs: 2, mtu: 9000, groups: Group("0-1", mtu: 9000))), Node([Pf(vfs: 2, mtu: 9000)], [Iface(numVfs: 2)]),
            "setVfMtu#0 1500→9000, setVfMtu#1 1500→9000, saveRecord", false),
        ["PF MTU raised while VFs exist: drain (some drivers reset VFs)"] = (
            Spec(Iface(numVfs: 2, mtu: 9000)), Node([Pf(vfs: 2)], [Iface(numVfs: 2)]),
            "setPfMtu 1500→9000!, saveRecord", true),
        ["PF down is brought up"] = (
            Spec(Iface(numVfs: 2)), Node([Pf(vfs: 2, up: false)], [Iface(numVfs: 2)]), "setPfUp", false),
        ["unpinned admin MAC is pinned to the VF's MAC"] = (
            Spec(Iface(numVfs: 2)), Node([Pf(vfs: 2, vf: v => v.Index == 1 ? v with { AdminMac = Zero } : v)], [Iface(numVfs: 2)]),
            "setVfAdminMac#1 00:00:00:00:00:00→02:00:00:00:00:01", false),
        ["a PF that does not report its VFs gets no admin MAC"] = (
            Spec(Iface(numVfs: 2)), Node([Pf(vfs: 2, vf: v => v with { PfReportsVf = false, AdminMac = null })], [Iface(numVfs: 2)]), "", false),
        ["policy removed: our PF is reset"] = (
            Spec(), Node([Pf(vfs: 4)], [Iface(numVfs: 4)]),
            "markReconfiguring, setNumVfs 4→0!, deleteRecord, clearMarker", true),
        ["policy removed: the MTU we raised goes back"] = (
            Spec(), Node([Pf(vfs: 2, mtu: 9000)], [Iface(numVfs: 2, mtu: 9000)], originalMtus: new Dictionary<string, int> { [Pf0] = 1500 }),
            "markReconfiguring, setNumVfs 2→0!, setPfMtu 9000→1500, deleteRecord, clearMarker", true),
        ["policy removed while the node rebooted: only the record goes"] = (
            Spec(), Node([Pf()], [Iface(numVfs: 4)]), "deleteRecord", false),
        ["externally managed PF left the spec: its VFs stay"] = (
            Spec(), Node([Pf(vfs: 4)], [new InterfaceSpec { PciAddress = Pf0, NumVfs = 4, ExternallyManaged = true }]), "deleteRecord", false),
        ["a record of a PF that is not reported is kept"] = (
            Spec(), Node([Pf()], [Iface(Pf1, numVfs: 2)]), "", false),
        ["foreign PF (no record) is left alone"] = (
            Spec(Iface(numVfs: 2)), Node([Pf(vfs: 2), Pf(Pf1, vfs: 8)], [Iface(numVfs: 2)]), "", false),
        ["externally managed PF: VFs configured, count never changed"] = (
            Spec(new InterfaceSpec { PciAddress = Pf0, NumVfs = 2, ExternallyManaged = true, VfGroups = [Group("0-1", "vfio-pci")] }),
            Node([Pf(vfs: 4)]),
            "markReconfiguring, bindDriver#0 iavf→vfio-pci!, bindDriver#1 iavf→vfio-pci!, saveRecord ?→externallyManaged, clearMarker", true),
        ["VFs outside every range are left alone"] = (
            Spec(Iface(numVfs: 4, groups: Group("0-1"))), Node([Pf(vfs: 4, vfDriver: "vfio-pci")], [Iface(numVfs: 4, groups: Group("0-1"))]),
            "markReconfiguring, bindDefaultDriver#0 vfio-pci→?!, setVfAdminMac#0, bindDefaultDriver#1 vfio-pci→?!, setVfAdminMac#1, clearMarker", true),
        ["half-done PF under its marker: finishing it needs no drain"] = (
            Spec(Iface(numVfs: 2, groups: Group("0-1", "vfio-pci"))), Node([Pf(vfs: 2)], marked: [Pf0]),
            "markReconfiguring, bindDriver#0 iavf→vfio-pci, bindDriver#1 iavf→vfio-pci, saveRecord, clearMarker", false),
        ["stale marker on a converged PF is cleared"] = (
            Spec(Iface(numVfs: 2)), Node([Pf(vfs: 2)], [Iface(numVfs: 2)], marked: [Pf0]), "clearMarker", false),
        ["stale leftover driver_override is cleared"] = (
            Spec(Iface(numVfs: 1)), Node([Pf(vfs: 1, vf: v => v with { DriverOverride = "vfio-pci" })], [Iface(numVfs: 1)]),
            "markReconfiguring, clearDriverOverride#0 vfio-pci→?, clearMarker", false),
        ["override left by an interrupted bind on a vfio-pci VF is cleared"] = (
            Spec(Iface(numVfs: 1, groups: Group("0-0", "vfio-pci"))),
            Node([Pf(vfs: 1, vfDriver: "vfio-pci", vf: v => v with { DriverOverride = "vfio-pci" })], [Iface(numVfs: 1, groups: Group("0-0", "vfio-pci"))]),
            "markReconfiguring, clearDriverOverride#0 vfio-pci→?, clearMarker", false),
        ["InfiniBand VFs get GUIDs, not admin MACs"] = (
            Spec(Iface(numVfs: 2)), Node([Pf(linkType: "IB")]),
            "markReconfiguring, setNumVfs 0→2, bindDefaultDriver#0, setVfGuid#0 ?→random, bindDefaultDriver#1, setVfGuid#1 ?→random, saveRecord, clearMarker",
            false),
        ["an InfiniBand VF without a GUID is given one and re-probed"] = (
            Spec(Iface(numVfs: 2)), Node([Pf(vfs: 2, linkType: "IB", vf: v => v.Index == 0 ? v with { NodeGuid = 0 } : v)], [Iface(numVfs: 2)]),
            "markReconfiguring, setVfGuid#0 ?→random!, clearMarker", true),
        ["a VF in a pod is left alone when only its MTU would change"] = (
            Spec(Iface(numVfs: 2, groups: Group("0-1", mtu: 9000))),
            Node([Pf(vfs: 2, mtu: 9000, vfMtu: 9000, vf: v => v.Index == 0 ? v with { Netdev = null, Mtu = null, AllocatedTo = "container c1 interface net1 (netns /var/run/netns/p)" } : v)], [Iface(numVfs: 2, groups: Group("0-1", mtu: 9000))]),
            "", false),
        ["a stale allocation record does not block"] = (
            Spec(), Node([Pf(vfs: 1, vf: v => v with { HasStaleRecord = true })], [Iface(numVfs: 1)]),
            "markReconfiguring, setNumVfs 1→0!, deleteRecord, clearMarker", true),
        ["two PFs in spec order, resets first"] = (
            Spec(Iface(Pf1, numVfs: 1), Iface(numVfs: 1)), Node([Pf(vfs: 1), Pf(Pf1, vfs: 1), ], [Iface(numVfs: 1), Iface(Pf1, numVfs: 1)]),
            "", false),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Plans(string name)
    {
        var (spec, host, steps, drain) = Cases[name];

        var plan = NodePlanner.Plan(spec, host);

        Assert.Empty(plan.Problems);
        Assert.Equal(steps, Steps(plan));
        Assert.Equal(drain, plan.Drain);
    }

    [Fact]
    public void Resets_come_before_the_spec_and_pfs_follow_the_spec_order()
    {
        var host = Node([Pf(vfs: 1), Pf(Pf1)], [Iface(numVfs: 1)]);

        var plan = NodePlanner.Plan(Spec(Iface(Pf1, numVfs: 1)), host);

        Assert.Equal(
            "markReconfiguring, setNumVfs 1→0!, deleteRecord, clearMarker, markReconfiguring@1, setNumVfs@1 0→1, bindDefaultDriver@1#0, setVfAdminMac@1#0, saveRecord@1, clearMarker@1",
            Steps(plan));
    }

    [Fact]
    public void Record_content_difference_alone_is_a_step()
    {
        var host = Node([Pf(vfs: 2)], [Iface(numVfs: 2, groups: Group("0-1", resource: "old"))]);

        var plan = NodePlanner.Plan(Spec(Iface(numVfs: 2)), host);

        Assert.Equal("saveRecord", Steps(plan));
        Assert.Equal("policy-net", plan.Actions[0].Record!.Applied.VfGroups![0].PolicyName);
    }

    [Fact]
    public void Raising_the_pf_mtu_remembers_the_original_for_the_reset()
    {
        var plan = NodePlanner.Plan(Spec(Iface(numVfs: 1, mtu: 9000)), Node([Pf()]));

        Assert.Equal(1500, plan.Actions.Single(a => a.Kind == ActionKind.SaveRecord).Record!.OriginalMtu);
        Assert.StartsWith("markReconfiguring, setPfMtu 1500→9000, setNumVfs 0→1", Steps(plan));
    }
}
