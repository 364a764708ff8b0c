using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.NodeStates;
using Sriov.Api.Policies;
using Sriov.Operator.Admission;
using Sriov.Api.SupportedNics;
using static Sriov.Operator.Tests.Fixtures.Make;

namespace Sriov.Operator.Tests.Admission;

/// <summary>A small cluster for admission: two bare-metal workers, one OpenStack VM, their reported NICs.</summary>
internal static class AdmissionFixture
{
    public static readonly InterfaceExt E810 = Nic("ens1f0", "0000:17:00.0", "8086", "159b", totalVfs: 64, altNames: "enp23s0f0");
    public static readonly InterfaceExt X710 = Nic("ens2f0", "0000:18:00.0", "8086", "1572", totalVfs: 32);
    public static readonly InterfaceExt Cx6 = Nic("ens3f0np0", "0000:3b:00.0", "15b3", "101d", totalVfs: 8);
    public static readonly InterfaceExt External = Nic("ens4f0", "0000:5e:00.0", "8086", "1592", totalVfs: 64, numVfs: 4, mtu: 1500);
    public static readonly InterfaceExt Unsupported = Nic("eno1", "0000:01:00.0", "8086", "1528", totalVfs: 63);
    public static readonly InterfaceExt VmVf = Nic("eth1", "0000:00:05.0", "1af4", "1000", netFilter: "openstack/NetworkID:net-a");

    public static ClusterState Cluster(IEnumerable<SriovNetworkNodePolicy>? policies = null, bool devMode = false, IEnumerable<SriovNetworkNodeState>? states = null)
    {
        var vm = Node("vm0", "platform=openstack");
        vm.Spec = new V1NodeSpec { ProviderID = "openstack:///1234" };
        return new ClusterState(
            Settings,
            [Node("w0", "zone=a"), Node("w1", "zone=b"), vm, Node("new", "zone=c")],
            states ?? [State("w0", E810, X710, Cx6, External, Unsupported), State("w1", E810), State("vm0", VmVf)],
            policies ?? [],
            [],
            SupportedNicList.BuiltIn,
            namespaces: null,
            devMode: devMode);
    }

    /// <summary>A valid policy for the E810 of every worker.</summary>
    public static SriovNetworkNodePolicy Valid(string name = "p", Action<SriovNetworkNodePolicySpec>? edit = null) =>
        Policy(name, "r", 8, "ens1f0#0-7", priority: 10, edit: s =>
        {
            s.NicSelector!.Vendor = "8086";
            s.NicSelector.DeviceId = "159b";
            s.NodeSelector = new() { [SriovLabels.WorkerRole] = "", ["zone"] = "a" };
            edit?.Invoke(s);
        });
}
