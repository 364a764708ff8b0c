using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.OperatorConfigs;
using Sriov.Api.Policies;
using Sriov.Api.PoolConfigs;
using Sriov.Operator.Admission;
using Sriov.Operator.Pools;
using Sriov.Operator.Selection;
using Sriov.Api.SupportedNics;

namespace Sriov.Operator.Render;

/// <summary>
/// The cluster-wide inputs of a render (everything except the nodes and their states), immutable. Node renders are
/// memoised per context instance: build a new context when a policy, pool config, the operator config or the
/// supported NIC list changes, and keep the same one while only nodes change.
/// </summary>
public sealed class RenderContext
{
    /// <summary>The config-daemon node selector used when the operator config sets none.</summary>
    public static IReadOnlyDictionary<string, string> DefaultNodeSelector { get; } = new Dictionary<string, string>
    {
        [SriovLabels.WorkerRole] = "",
        [SriovLabels.Os] = "linux",
    };

    public RenderContext(
        RenderSettings settings,
        IEnumerable<SriovNetworkNodePolicy> policies,
        SriovOperatorConfig? operatorConfig,
        IEnumerable<SriovNetworkPoolConfig> poolConfigs,
        SupportedNicList supportedNics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(poolConfigs);
        ArgumentNullException.ThrowIfNull(supportedNics);
        Settings = settings;
        SupportedNics = supportedNics;
        var warnings = new List<string>();
        var used = new List<SriovNetworkNodePolicy>();
        foreach (var policy in policies)
        {
            if (policy.Metadata.NamespaceProperty != settings.OperatorNamespace)
            {
                warnings.Add($"SriovNetworkNodePolicy {policy.Metadata.NamespaceProperty}/{policy.Metadata.Name} is not used: only policies in namespace {settings.OperatorNamespace} are");
            }
            else if (policy.Metadata.Name != SriovObjectNames.Default)
            {
                // Render sees policies as the mutating webhook leaves them, with or without the webhook deployed.
                used.Add(PolicyMutator.Apply(policy));
            }
        }

        used.Sort(PolicyOrder.Instance);
        Policies = used;
        Plans = used.Select(p => new PolicyPlan(p, supportedNics)).ToList();
        PoolConfigs = poolConfigs.Where(p => p.Metadata.NamespaceProperty == settings.OperatorNamespace && PoolMembership.IsDrainPool(p)).ToList();

        if (operatorConfig is not null
            && (operatorConfig.Metadata.Name != SriovObjectNames.Default || operatorConfig.Metadata.NamespaceProperty != settings.OperatorNamespace))
        {
            warnings.Add($"SriovOperatorConfig {operatorConfig.Metadata.NamespaceProperty}/{operatorConfig.Metadata.Name} is not used: only \"default\" in namespace {settings.OperatorNamespace} is");
            operatorConfig = null;
        }

        OperatorConfig = operatorConfig;
        var selector = operatorConfig?.Spec.ConfigDaemonNodeSelector;
        NodeSelector = selector is { Count: > 0 } ? new Dictionary<string, string>(selector) : DefaultNodeSelector;
        ManageSoftwareBridges = FeatureGates.IsEnabled(operatorConfig?.Spec.FeatureGates, FeatureGates.ManageSoftwareBridges);
        Owner = operatorConfig is { Metadata.Uid: { Length: > 0 } uid }
            ? new V1OwnerReference
            {
                ApiVersion = SriovGroup.ApiVersion,
                Kind = SriovOperatorConfig.KindName,
                Name = operatorConfig.Metadata.Name,
                Uid = uid,
                Controller = true,
                BlockOwnerDeletion = true,
            }
            : null;
        Warnings = warnings;
    }

    public RenderSettings Settings { get; }

    /// <summary>The policies that take part: in the operator namespace, not named <c>default</c>, mutated, in apply order.</summary>
    public IReadOnlyList<SriovNetworkNodePolicy> Policies { get; }

    /// <summary><see cref="Policies"/> with their node-independent facts precomputed.</summary>
    internal IReadOnlyList<PolicyPlan> Plans { get; }

    /// <summary>Pool configs in the operator namespace that are not hardware-offload pools.</summary>
    public IReadOnlyList<SriovNetworkPoolConfig> PoolConfigs { get; }

    /// <summary>The <c>default</c> operator config, or null when absent (then defaults apply).</summary>
    public SriovOperatorConfig? OperatorConfig { get; }

    /// <summary>Which nodes get a node state and a device-plugin config.</summary>
    public IReadOnlyDictionary<string, string> NodeSelector { get; }

    public SupportedNicList SupportedNics { get; }

    /// <summary>Feature gate <c>manageSoftwareBridges</c>.</summary>
    public bool ManageSoftwareBridges { get; }

    /// <summary>The controller owner reference of rendered objects (the operator config), when its uid is known.</summary>
    public V1OwnerReference? Owner { get; }

    /// <summary>Inputs that were ignored, and why.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
