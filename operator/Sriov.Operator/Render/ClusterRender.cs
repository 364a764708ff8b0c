namespace Sriov.Operator.Render;

/// <summary>The result of rendering every node: what the operator writes.</summary>
public sealed class ClusterRender
{
    internal ClusterRender(
        IReadOnlyList<NodeRender> nodes,
        IReadOnlyDictionary<string, string> devicePluginConfigData,
        long devicePluginConfigBytes,
        IReadOnlyList<NodeLabel> nodeLabels,
        IReadOnlyList<string> staleNodeStates,
        IReadOnlyList<string> errors,
        IReadOnlyList<string> warnings,
        int renderedNodeCount)
    {
        Nodes = nodes;
        DevicePluginConfigData = devicePluginConfigData;
        DevicePluginConfigBytes = devicePluginConfigBytes;
        NodeLabels = nodeLabels;
        StaleNodeStates = staleNodeStates;
        Errors = errors;
        Warnings = warnings;
        RenderedNodeCount = renderedNodeCount;
    }

    /// <summary>One render per node of the node set, sorted by node name.</summary>
    public IReadOnlyList<NodeRender> Nodes { get; }

    /// <summary>The data of the <c>device-plugin-config</c> ConfigMap: node name → config JSON, sorted by node name.</summary>
    public IReadOnlyDictionary<string, string> DevicePluginConfigData { get; }

    /// <summary>The sum of the data values' sizes in bytes, which the API server limits to 1 MiB.</summary>
    public long DevicePluginConfigBytes { get; }

    /// <summary>The device-plugin label of every node of the node set, and removals for nodes that left it.</summary>
    public IReadOnlyList<NodeLabel> NodeLabels { get; }

    /// <summary>Node states in the operator namespace whose node is not in the node set (deleted after the grace delay).</summary>
    public IReadOnlyList<string> StaleNodeStates { get; }

    /// <summary>Problems that stop something from being written, each naming the node or object.</summary>
    public IReadOnlyList<string> Errors { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>How many nodes were rendered by this call; the others were unchanged and came from the memo.</summary>
    public int RenderedNodeCount { get; }
}
