using System.Text.Json.Nodes;
using Sriov.Api.Manifests;
using Sriov.Api.Networks;
using Sriov.Api.OperatorConfigs;
using Sriov.Api.Policies;
using Sriov.Api.PoolConfigs;
using Sriov.Operator.Admission;
using Sriov.Operator.Render;

namespace Sriov.Operator.Commands;

/// <summary>
/// <c>sriov-operator validate</c>: what the API server and the admission webhook would answer to creating each
/// policy, network, operator config and pool config of the input, with the rest of the input as the cluster:
/// <c>{"results":[{"kind","namespace","name","allowed","warnings","message"}]}</c>.
/// </summary>
internal static class ValidateCommand
{
    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal)
    {
        SriovNetworkNodePolicy.KindName,
        SriovNetwork.KindName,
        SriovIBNetwork.KindName,
        OvsNetwork.KindName,
        SriovOperatorConfig.KindName,
        SriovNetworkPoolConfig.KindName,
    };

    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        // Like the webhook, DEV_MODE=TRUE accepts NIC models outside the supported list.
        var devMode = string.Equals(Environment.GetEnvironmentVariable("DEV_MODE"), "TRUE", StringComparison.OrdinalIgnoreCase);
        return OfflineCommand.Run(args, stdin, stdout, stderr, (o, i) => Execute(o, i, devMode));
    }

    public static CommandOutcome Execute(CommandOptions options, InputSet input, bool devMode)
    {
        var settings = new RenderSettings(options.Namespace, options.ResourcePrefix);
        var cluster = new ClusterState(settings, input.Nodes, input.NodeStates, input.Policies, input.PoolConfigs,
            input.SupportedNics(settings.OperatorNamespace), input.Namespaces, devMode);
        // Dropped fields of the validated objects are reported in their results; the rest go to stderr.
        var warnings = input.Warnings.Concat(InputSet.PrunedWarnings(input.InOrder.Where(o => !Kinds.Contains(o.Kind)))).ToList();
        var results = new JsonArray();
        var allAllowed = true;
        foreach (var obj in input.InOrder.Where(o => Kinds.Contains(o.Kind)))
        {
            var verdict = obj.SchemaErrors.Count > 0
                ? new AdmissionResult(false, string.Join("; ", obj.SchemaErrors), [], [])
                : Review(obj.Value!, cluster);
            var objectWarnings = obj.PrunedFields.Select(f => $"unknown field {f}; the API server drops it").Concat(verdict.Warnings);
            allAllowed &= verdict.Allowed;
            results.Add(new JsonObject
            {
                ["kind"] = obj.Kind,
                ["namespace"] = obj.Namespace ?? settings.OperatorNamespace,
                ["name"] = obj.Name,
                ["allowed"] = verdict.Allowed,
                ["warnings"] = new JsonArray(objectWarnings.Select(w => (JsonNode)w).ToArray()),
                ["message"] = verdict.Message,
            });
        }

        if (results.Count == 0)
        {
            warnings.Add("the input has no SriovNetworkNodePolicy, network, SriovOperatorConfig or SriovNetworkPoolConfig to validate");
        }

        return new CommandOutcome(new JsonObject { ["results"] = results }, [], warnings, [], allAllowed);
    }

    private static AdmissionResult Review(object value, ClusterState cluster) => value switch
    {
        SriovNetworkNodePolicy p => PolicyValidator.Review(p, AdmissionOperation.Create, cluster),
        SriovOperatorConfig c => OperatorConfigValidator.Review(c, null, AdmissionOperation.Create, cluster),
        SriovNetworkPoolConfig p => PoolConfigValidator.Review(p, AdmissionOperation.Create, cluster),
        _ => NetworkValidator.Review(value, AdmissionOperation.Create, cluster),
    };
}
