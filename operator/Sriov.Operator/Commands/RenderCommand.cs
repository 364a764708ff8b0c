using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sriov.Api.Common;
using Sriov.Api.Json;
using Sriov.Api.NodeStates;
using Sriov.Operator.Networks;
using Sriov.Operator.Render;

namespace Sriov.Operator.Commands;

/// <summary>
/// <c>sriov-operator render</c>: a <c>v1 List</c> of what the operator would write for the input: each
/// SriovNetworkNodeState it creates or updates (metadata and spec), the <c>device-plugin-config</c> ConfigMap, every
/// NetworkAttachmentDefinition, and each Node with the device-plugin label it would set.
/// </summary>
internal static class RenderCommand
{
    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr) =>
        OfflineCommand.Run(args, stdin, stdout, stderr, Execute);

    public static CommandOutcome Execute(CommandOptions options, InputSet input)
    {
        var settings = new RenderSettings(options.Namespace, options.ResourcePrefix);
        var errors = input.Invalid.Select(o => $"{o.Where}: {string.Join("; ", o.SchemaErrors)}").ToList();
        var warnings = new List<string>(input.Warnings.Concat(InputSet.PrunedWarnings(input.InOrder)));
        var notes = new List<string>();
        var operatorConfig = input.OperatorConfig(settings.OperatorNamespace);
        if (operatorConfig is null)
        {
            warnings.Add($"no SriovOperatorConfig \"default\" in namespace {settings.OperatorNamespace}: rendering with its defaults (the operator itself waits until it exists)");
        }

        var context = new RenderContext(settings, input.Policies, operatorConfig, input.PoolConfigs, input.SupportedNics(settings.OperatorNamespace));
        var current = input.ConfigMap(settings.OperatorNamespace, SriovObjectNames.DevicePluginConfigMap)?.Data;
        var render = new ClusterRenderer().Render(context, input.Nodes, input.NodeStates,
            current is null ? null : new Dictionary<string, string>(current));
        errors.AddRange(render.Errors);
        warnings.AddRange(render.Warnings);
        warnings.AddRange(render.StaleNodeStates.Select(s =>
            $"SriovNetworkNodeState {settings.OperatorNamespace}/{s}: its node is not selected by the config-daemon node selector; the operator deletes it (after STALE_NODE_STATE_CLEANUP_DELAY_MINUTES, default 30)"));

        var items = new JsonArray();
        foreach (var node in render.Nodes.Where(n => n.Action is NodeStateAction.Create or NodeStateAction.Update))
        {
            items.Add(NodeState(node, context));
        }

        items.Add(ConfigMap(render, context));
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{SriovObjectNames.DevicePluginConfigMap}: {render.DevicePluginConfigData.Count} nodes, {render.DevicePluginConfigBytes:N0} bytes of data (limit {DevicePluginConfigLimits.MaxDataBytes:N0})"));

        foreach (var network in input.Networks)
        {
            var result = NetworkRenderer.Render(network, settings, input.Namespaces, input.Nads);
            if (result.Nad is { } nad)
            {
                items.Add(JsonSerializer.SerializeToNode(nad, SriovJsonContext.Default.NetworkAttachmentDefinition));
            }
            else
            {
                errors.Add($"{result.Kind} {result.Namespace}/{result.Name}: Ready=False ({result.Reason}): {result.Message}");
            }

            if (result.DeleteFromNamespace is { } old)
            {
                warnings.Add($"{result.Kind} {result.Namespace}/{result.Name}: its NetworkAttachmentDefinition moves from namespace {old}; the one in {old} is deleted");
            }
        }

        var nodes = input.Nodes.ToDictionary(n => n.Metadata.Name, StringComparer.Ordinal);
        foreach (var label in render.NodeLabels)
        {
            items.Add(Node(label, nodes[label.NodeName].Metadata.Labels));
        }

        var list = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
        return new CommandOutcome(list, errors, warnings, notes, errors.Count == 0);
    }

    private static JsonNode NodeState(NodeRender node, RenderContext context)
    {
        var state = new SriovNetworkNodeState
        {
            Metadata = new()
            {
                Name = node.NodeName,
                NamespaceProperty = context.Settings.OperatorNamespace,
                OwnerReferences = context.Owner is { } owner ? [owner] : null,
            },
            Spec = node.Spec,
        };
        return JsonSerializer.SerializeToNode(state, SriovJsonContext.Default.SriovNetworkNodeState)!;
    }

    private static JsonObject ConfigMap(ClusterRender render, RenderContext context)
    {
        var metadata = new JsonObject
        {
            ["name"] = SriovObjectNames.DevicePluginConfigMap,
            ["namespace"] = context.Settings.OperatorNamespace,
        };
        if (context.Owner is { } owner)
        {
            metadata["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = owner.ApiVersion,
                ["kind"] = owner.Kind,
                ["name"] = owner.Name,
                ["uid"] = owner.Uid,
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            });
        }

        var data = new JsonObject();
        foreach (var (node, json) in render.DevicePluginConfigData)
        {
            data[node] = json;
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = metadata, ["data"] = data };
    }

    private static JsonObject Node(NodeLabel label, IDictionary<string, string>? current)
    {
        var labels = new JsonObject();
        foreach (var (k, v) in (current ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (k != SriovLabels.DevicePlugin)
            {
                labels[k] = v;
            }
        }

        if (label.Value is { } value)
        {
            labels[SriovLabels.DevicePlugin] = value;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = label.NodeName, ["labels"] = labels },
        };
    }
}
