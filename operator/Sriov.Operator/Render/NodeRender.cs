using Sriov.Api.Node.DevicePlugin;
using Sriov.Api.NodeStates;

namespace Sriov.Operator.Render;

/// <summary>The render of one node: its node-state spec, its device-plugin config and its device-plugin label.</summary>
public sealed class NodeRender
{
    internal NodeRender(
        string nodeName,
        NodeStateAction action,
        SriovNetworkNodeStateSpec spec,
        ResourceConfigList? devicePluginConfig,
        IReadOnlyList<string> errors,
        IReadOnlyList<string> warnings)
    {
        NodeName = nodeName;
        Action = action;
        Spec = spec;
        DevicePluginConfig = devicePluginConfig;
        if (devicePluginConfig is not null)
        {
            DevicePluginJson = ResourceConfigReader.Write(devicePluginConfig);
            DevicePluginJsonBytes = System.Text.Encoding.UTF8.GetByteCount(DevicePluginJson);
            DevicePluginLabel = devicePluginConfig.ResourceList is { Count: > 0 } ? Api.Common.SriovLabels.Enabled : Api.Common.SriovLabels.Disabled;
        }

        Errors = errors;
        Warnings = warnings;
    }

    public string NodeName { get; }

    public NodeStateAction Action { get; }

    /// <summary>
    /// The spec to write for <see cref="NodeStateAction.Create"/> and <see cref="NodeStateAction.Update"/>; the
    /// current spec (or an empty one) otherwise.
    /// </summary>
    public SriovNetworkNodeStateSpec Spec { get; }

    /// <summary>The node's entry of the <c>device-plugin-config</c> ConfigMap; null when <see cref="NodeStateAction.Failed"/>.</summary>
    public ResourceConfigList? DevicePluginConfig { get; }

    /// <summary><see cref="DevicePluginConfig"/> as the compact JSON stored in the ConfigMap.</summary>
    public string? DevicePluginJson { get; }

    public int DevicePluginJsonBytes { get; }

    /// <summary><c>Enabled</c> when the node has at least one resource, else <c>Disabled</c>; null when failed (leave the label).</summary>
    public string? DevicePluginLabel { get; }

    public IReadOnlyList<string> Errors { get; }

    public IReadOnlyList<string> Warnings { get; }
}
