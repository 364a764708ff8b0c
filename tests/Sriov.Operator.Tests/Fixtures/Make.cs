using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.NodeStates;
using Sriov.Api.OperatorConfigs;
using Sriov.Api.Policies;
using Sriov.Api.PoolConfigs;
using Sriov.Operator.Render;
using Sriov.Api.SupportedNics;

namespace Sriov.Operator.Tests.Fixtures;

/// <summary>Terse builders for the objects the render and admission tests use.</summary>
internal static class Make
{
    public const string Ns = SriovObjectNames.DefaultOperatorNamespace;

    public static readonly RenderSettings Settings = new();

    /// <summary>A worker (matches the default config-daemon selector) with extra labels "k=v".</summary>
    public static V1Node Node(string name, params string[] labels)
    {
        var all = new Dictionary<string, string> { [SriovLabels.WorkerRole] = "", [SriovLabels.Os] = "linux" };
        foreach (var l in labels)
        {
            var kv = l.Split('=', 2);
            all[kv[0]] = kv[1];
        }

        return new V1Node { Metadata = new V1ObjectMeta { Name = name, Labels = all } };
    }

    public static V1Node BareNode(string name, Dictionary<string, string>? labels = null) =>
        new() { Metadata = new V1ObjectMeta { Name = name, Labels = labels } };

    public static InterfaceExt Nic(
        string name,
        string pci,
        string vendor = "8086",
        string device = "159b",
        int totalVfs = 64,
        int numVfs = 0,
        int mtu = 1500,
        string? netFilter = null,
        string linkType = "ETH",
        params string[] altNames) => new()
        {
            Name = name,
            PciAddress = pci,
            Vendor = vendor,
            DeviceId = device,
            TotalVfs = totalVfs,
            NumVfs = numVfs,
            Mtu = mtu,
            NetFilter = netFilter,
            LinkType = linkType,
            AltNames = altNames.Length > 0 ? [.. altNames] : null,
        };

    public static SriovNetworkNodeState State(string node, params InterfaceExt[] nics) => new()
    {
        Metadata = new V1ObjectMeta { Name = node, NamespaceProperty = Ns },
        Status = new SriovNetworkNodeStateStatus { Interfaces = [.. nics] },
    };

    /// <summary>A policy on every worker; <paramref name="pf"/> is a pfNames entry (omit to select by vendor only).</summary>
    public static SriovNetworkNodePolicy Policy(
        string name,
        string resource,
        int numVfs,
        string? pf = null,
        int? priority = null,
        Action<SriovNetworkNodePolicySpec>? edit = null,
        string ns = Ns)
    {
        var policy = new SriovNetworkNodePolicy
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new SriovNetworkNodePolicySpec
            {
                ResourceName = resource,
                NumVfs = numVfs,
                Priority = priority,
                NodeSelector = new Dictionary<string, string> { [SriovLabels.WorkerRole] = "" },
                DeviceType = "netdevice",
                NicSelector = pf is null ? new NicSelector { Vendor = "8086" } : new NicSelector { PfNames = [pf] },
            },
        };
        edit?.Invoke(policy.Spec);
        return policy;
    }

    public static SriovOperatorConfig OperatorConfig(Action<SriovOperatorConfigSpec>? edit = null, string name = SriovObjectNames.Default, string ns = Ns)
    {
        var config = new SriovOperatorConfig { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = "uid-config" } };
        edit?.Invoke(config.Spec);
        return config;
    }

    public static SriovNetworkPoolConfig Pool(string name, V1LabelSelector? selector, string? rdmaMode = null, IntegerOrString? maxUnavailable = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Spec = new SriovNetworkPoolConfigSpec { NodeSelector = selector, RdmaMode = rdmaMode, MaxUnavailable = maxUnavailable },
    };

    public static V1LabelSelector MatchLabels(string key, string value) =>
        new() { MatchLabels = new Dictionary<string, string> { [key] = value } };

    public static RenderContext Context(
        IEnumerable<SriovNetworkNodePolicy> policies,
        SriovOperatorConfig? config = null,
        IEnumerable<SriovNetworkPoolConfig>? pools = null,
        SupportedNicList? nics = null) =>
        new(Settings, policies, config ?? OperatorConfig(), pools ?? [], nics ?? SupportedNicList.BuiltIn);

    /// <summary>Renders one worker with the given NICs under the given policies.</summary>
    public static NodeRender RenderOne(IEnumerable<SriovNetworkNodePolicy> policies, params InterfaceExt[] nics) =>
        RenderOne(Context(policies), nics);

    public static NodeRender RenderOne(RenderContext context, params InterfaceExt[] nics) =>
        new ClusterRenderer().Render(context, [Node("w0")], [State("w0", nics)]).Nodes.Single();

    /// <summary>"resource:range" of each VF group of the PF, in order.</summary>
    public static string Groups(InterfaceSpec pf) => string.Join(",", pf.VfGroups!.Select(g => $"{g.ResourceName}:{g.VfRange}"));
}
