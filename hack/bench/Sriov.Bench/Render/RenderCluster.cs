using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.NodeStates;
using Sriov.Api.OperatorConfigs;
using Sriov.Api.Policies;
using Sriov.Operator.Render;
using Sriov.Api.SupportedNics;

namespace Sriov.Bench.Render;

/// <summary>
/// A synthetic cluster for the render benchmark: workers with two Intel E810 and two ConnectX-6 Dx ports each, and
/// policies that partition every port into ranges of 4 VFs, one range per policy (the partitioning case, the most
/// merge work per node).
/// </summary>
internal static class RenderCluster
{
    private static readonly (string Name, string Pci, string Vendor, string Device)[] Ports =
    [
        ("ens1f0", "0000:17:00.0", "8086", "159b"),
        ("ens1f1", "0000:17:00.1", "8086", "159b"),
        ("ens3f0np0", "0000:3b:00.0", "15b3", "101d"),
        ("ens3f1np1", "0000:3b:00.1", "15b3", "101d"),
    ];

    public static List<V1Node> Nodes(int count) =>
        Enumerable.Range(0, count).Select(i => Node(i, "a")).ToList();

    public static V1Node Node(int i, string rack) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"worker-{i:00000}",
            Labels = new Dictionary<string, string>
            {
                [SriovLabels.WorkerRole] = "",
                [SriovLabels.Os] = "linux",
                ["feature.node.kubernetes.io/network-sriov.capable"] = "true",
                ["topology.kubernetes.io/zone"] = $"zone-{i % 3}",
                ["rack"] = rack,
            },
        },
    };

    public static List<SriovNetworkNodeState> States(IEnumerable<V1Node> nodes) => nodes.Select(n => new SriovNetworkNodeState
    {
        Metadata = new V1ObjectMeta { Name = n.Metadata.Name, NamespaceProperty = SriovObjectNames.DefaultOperatorNamespace },
        Status = new SriovNetworkNodeStateStatus
        {
            SyncStatus = SyncStatuses.Succeeded,
            Interfaces = Ports.Select(p => new InterfaceExt
            {
                Name = p.Name,
                PciAddress = p.Pci,
                Vendor = p.Vendor,
                DeviceId = p.Device,
                TotalVfs = 64,
                NumVfs = 20,
                Mtu = 1500,
                LinkType = "ETH",
                Driver = p.Vendor == "8086" ? "ice" : "mlx5_core",
            }).ToList(),
        },
    }).ToList();

    /// <summary><paramref name="count"/> policies, spread over the four ports, each claiming 4 VFs of one port.</summary>
    public static List<SriovNetworkNodePolicy> Policies(int count) => Enumerable.Range(0, count).Select(i =>
    {
        var port = Ports[i % Ports.Length];
        var slot = i / Ports.Length;
        return new SriovNetworkNodePolicy
        {
            Metadata = new V1ObjectMeta { Name = $"policy-{i:00}", NamespaceProperty = SriovObjectNames.DefaultOperatorNamespace },
            Spec = new SriovNetworkNodePolicySpec
            {
                ResourceName = $"res_{port.Name}_{slot}",
                NodeSelector = new Dictionary<string, string> { ["feature.node.kubernetes.io/network-sriov.capable"] = "true" },
                Priority = 10 + (i % 3),
                NumVfs = 20,
                Mtu = 9000,
                DeviceType = slot % 2 == 0 ? "netdevice" : "vfio-pci",
                IsRdma = port.Vendor == "15b3" && slot % 2 == 0,
                NicSelector = new NicSelector { Vendor = port.Vendor, DeviceId = port.Device, PfNames = [$"{port.Name}#{slot * 4}-{(slot * 4) + 3}"] },
            },
        };
    }).ToList();

    public static RenderContext Context(IEnumerable<SriovNetworkNodePolicy> policies) => new(
        new RenderSettings(),
        policies,
        new SriovOperatorConfig { Metadata = new V1ObjectMeta { Name = SriovObjectNames.Default, NamespaceProperty = SriovObjectNames.DefaultOperatorNamespace, Uid = "bench" } },
        [],
        SupportedNicList.BuiltIn);
}
