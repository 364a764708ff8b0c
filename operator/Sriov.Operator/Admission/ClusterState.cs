using k8s.Models;
using Sriov.Api.NodeStates;
using Sriov.Api.Policies;
using Sriov.Api.PoolConfigs;
using Sriov.Operator.Render;
using Sriov.Api.SupportedNics;

namespace Sriov.Operator.Admission;

/// <summary>The cluster objects admission rules read (the webhook's informer caches; the rest of the input offline).</summary>
public sealed class ClusterState
{
    public ClusterState(
        RenderSettings settings,
        IEnumerable<V1Node> nodes,
        IEnumerable<SriovNetworkNodeState> nodeStates,
        IEnumerable<SriovNetworkNodePolicy> policies,
        IEnumerable<SriovNetworkPoolConfig> poolConfigs,
        SupportedNicList supportedNics,
        IReadOnlyCollection<string>? namespaces = null,
        bool devMode = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(nodeStates);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(poolConfigs);
        ArgumentNullException.ThrowIfNull(supportedNics);
        Settings = settings;
        Nodes = nodes.ToList();
        NodeStates = nodeStates
            .Where(s => s.Metadata.NamespaceProperty == settings.OperatorNamespace)
            .GroupBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Policies = policies.Where(p => p.Metadata.NamespaceProperty == settings.OperatorNamespace).Select(PolicyMutator.Apply).ToList();
        PoolConfigs = poolConfigs.Where(p => p.Metadata.NamespaceProperty == settings.OperatorNamespace).ToList();
        SupportedNics = supportedNics;
        Namespaces = namespaces;
        DevMode = devMode;
    }

    public RenderSettings Settings { get; }

    public IReadOnlyList<V1Node> Nodes { get; }

    /// <summary>Node states in the operator namespace, by node name.</summary>
    public IReadOnlyDictionary<string, SriovNetworkNodeState> NodeStates { get; }

    /// <summary>Existing policies in the operator namespace, as the mutating webhook left them.</summary>
    public IReadOnlyList<SriovNetworkNodePolicy> Policies { get; }

    /// <summary>Pool configs in the operator namespace.</summary>
    public IReadOnlyList<SriovNetworkPoolConfig> PoolConfigs { get; }

    public SupportedNicList SupportedNics { get; }

    /// <summary>Namespaces that exist, or null when unknown.</summary>
    public IReadOnlyCollection<string>? Namespaces { get; }

    /// <summary>Env <c>DEV_MODE=TRUE</c>: NIC models outside the supported list are accepted.</summary>
    public bool DevMode { get; }
}
