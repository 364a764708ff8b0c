using System.Globalization;
using System.Text.Json;
using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.Json;
using Sriov.Api.NodeStates;
using Sriov.Operator.Selection;

namespace Sriov.Operator.Render;

/// <summary>
/// Renders every node of the cluster (operator.md §2), memoising each node's render: a node is rendered again only
/// when the context instance, its labels or its node state's status change, so a change to one node re-renders that
/// node only. Keep one instance per controller; not thread-safe.
/// </summary>
public sealed class ClusterRenderer
{
    private readonly Dictionary<string, Entry> _memo = new(StringComparer.Ordinal);

    /// <param name="context">Cluster-wide inputs.</param>
    /// <param name="nodes">Every Node of the cluster.</param>
    /// <param name="states">Every SriovNetworkNodeState (those outside the operator namespace are ignored).</param>
    /// <param name="currentDevicePluginConfig">
    /// The data of the current <c>device-plugin-config</c> ConfigMap, if any: a node that fails to render keeps its entry.
    /// </param>
    public ClusterRender Render(
        RenderContext context,
        IEnumerable<V1Node> nodes,
        IEnumerable<SriovNetworkNodeState> states,
        IReadOnlyDictionary<string, string>? currentDevicePluginConfig = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(states);
        var stateByName = states
            .Where(s => s.Metadata.NamespaceProperty == context.Settings.OperatorNamespace)
            .ToDictionary(s => s.Metadata.Name, StringComparer.Ordinal);
        var renders = new List<NodeRender>();
        var labels = new List<NodeLabel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rendered = 0;
        foreach (var node in nodes.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal))
        {
            var name = node.Metadata.Name;
            if (!LabelMatcher.MatchesMap(context.NodeSelector, node.Metadata.Labels))
            {
                if (node.Metadata.Labels?.ContainsKey(SriovLabels.DevicePlugin) == true)
                {
                    labels.Add(new NodeLabel(name, null));
                }

                continue;
            }

            seen.Add(name);
            stateByName.TryGetValue(name, out var state);
            if (!_memo.TryGetValue(name, out var entry) || !entry.Matches(context, node, state))
            {
                entry = new Entry(context, Snapshot(node.Metadata.Labels), state, NodeRenderer.Render(context, node, state));
                _memo[name] = entry;
                rendered++;
            }

            renders.Add(entry.Result);
            if (entry.Result.DevicePluginLabel is { } label)
            {
                labels.Add(new NodeLabel(name, label));
            }
        }

        foreach (var gone in _memo.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _memo.Remove(gone);
        }

        return Aggregate(context, renders, labels, stateByName.Keys.Where(s => !seen.Contains(s)).Order(StringComparer.Ordinal).ToList(), currentDevicePluginConfig, rendered);
    }

    private static ClusterRender Aggregate(
        RenderContext context,
        List<NodeRender> renders,
        List<NodeLabel> labels,
        List<string> stale,
        IReadOnlyDictionary<string, string>? current,
        int rendered)
    {
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal);
        long bytes = 0;
        var errors = new List<string>();
        var warnings = new List<string>(context.Warnings);
        foreach (var r in renders)
        {
            errors.AddRange(r.Errors.Select(e => $"node {r.NodeName}: {e}"));
            warnings.AddRange(r.Warnings.Select(w => $"node {r.NodeName}: {w}"));
            if (r.DevicePluginJson is { } json)
            {
                data[r.NodeName] = json;
                bytes += r.DevicePluginJsonBytes;
            }
            else if (current is not null && current.TryGetValue(r.NodeName, out var previous))
            {
                data[r.NodeName] = previous;
                bytes += System.Text.Encoding.UTF8.GetByteCount(previous);
            }
        }

        var size = string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes for {data.Count} nodes");
        if (bytes > DevicePluginConfigLimits.MaxDataBytes)
        {
            errors.Add($"ConfigMap {SriovObjectNames.DevicePluginConfigMap}: its data is {size}, over the API server's limit of 1 MiB (1,048,576 bytes); the operator cannot write it. Select fewer nodes (configDaemonNodeSelector) or merge policies into fewer resources");
        }
        else if (bytes > DevicePluginConfigLimits.WarnDataBytes)
        {
            warnings.Add($"ConfigMap {SriovObjectNames.DevicePluginConfigMap}: its data is {size}, close to the API server's limit of 1 MiB (1,048,576 bytes)");
        }

        return new ClusterRender(renders, data, bytes, labels, stale, errors, warnings, rendered);
    }

    private static Dictionary<string, string>? Snapshot(IDictionary<string, string>? labels) =>
        labels is null ? null : new Dictionary<string, string>(labels, StringComparer.Ordinal);

    /// <summary>A memoised node render and the inputs it was made from.</summary>
    private sealed record Entry(RenderContext Context, Dictionary<string, string>? Labels, SriovNetworkNodeState? State, NodeRender Result)
    {
        public bool Matches(RenderContext context, V1Node node, SriovNetworkNodeState? state) =>
            ReferenceEquals(context, Context) && LabelsEqual(node.Metadata.Labels) && StateEqual(state);

        private bool LabelsEqual(IDictionary<string, string>? labels)
        {
            if ((labels?.Count ?? 0) != (Labels?.Count ?? 0))
            {
                return false;
            }

            foreach (var (k, v) in labels ?? new Dictionary<string, string>())
            {
                if (!Labels!.TryGetValue(k, out var old) || old != v)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Only the status feeds the render. The same object, or the same uid and resourceVersion (an API server
        /// object version), is unchanged; otherwise the status is compared by content.
        /// </summary>
        private bool StateEqual(SriovNetworkNodeState? state)
        {
            if (ReferenceEquals(state, State))
            {
                return true;
            }

            if (state is null || State is null)
            {
                return false;
            }

            if (!string.IsNullOrEmpty(state.Metadata.ResourceVersion)
                && state.Metadata.ResourceVersion == State.Metadata.ResourceVersion
                && state.Metadata.Uid == State.Metadata.Uid)
            {
                return true;
            }

            return StatusJson(state) == StatusJson(State);
        }

        private static string StatusJson(SriovNetworkNodeState s) =>
            JsonSerializer.Serialize(s.Status?.Interfaces ?? [], SriovJsonContext.Default.ListInterfaceExt);
    }
}
