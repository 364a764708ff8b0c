using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Eviction;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Watch;

namespace Sriov.Sim.ApiServer.Controllers;

/// <summary>
/// The disruption controller: keeps each PodDisruptionBudget's status (expected, healthy and desired pods, disruptions
/// allowed, the DisruptionAllowed condition) in step with the pods it selects.
/// </summary>
internal sealed class DisruptionController
{
    private const string Manager = "kube-controller-manager";
    private readonly ApiOperations _ops;

    public DisruptionController(ApiOperations ops) => _ops = ops;

    private ApiContext Ctx => _ops.Context;

    public void Handle(WatchItem item)
    {
        if (item.Object is { } obj
            && item.StorageKey is EvictionOperation.PodsKey or EvictionOperation.BudgetsKey)
        {
            Recompute(ObjectMeta.Namespace(obj));
        }
    }

    public void Resync()
    {
        foreach (var ns in Ctx.Store.List(EvictionOperation.BudgetsKey, null).Select(ObjectMeta.Namespace).Distinct())
        {
            Recompute(ns);
        }
    }

    private void Recompute(string ns)
    {
        if (Ctx.Registry.FindStorage(EvictionOperation.BudgetsKey) is not { } rt)
        {
            return;
        }

        var pods = Ctx.Store.List(EvictionOperation.PodsKey, ns);
        foreach (var budget in Ctx.Store.List(EvictionOperation.BudgetsKey, ns).Where(b => !ObjectMeta.IsDeleting(b)))
        {
            var state = DisruptionMath.Compute(budget, pods);
            var status = Status(budget, state);
            if (JsonNode.DeepEquals(budget["status"], status))
            {
                continue;
            }

            var body = (JsonObject)budget.DeepClone();
            body["status"] = status;
            ControllerWrites.Try(() => _ops.Update.Update(rt, ns, ObjectMeta.Name(budget), body, "status",
                ControllerWrites.As(Manager), []));
        }
    }

    private JsonObject Status(JsonObject budget, DisruptionState state)
    {
        var generation = ObjectMeta.Generation(budget);
        var allowed = state.DisruptionsAllowed > 0 ? "True" : "False";
        var old = (budget["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => (string?)c["type"] == "DisruptionAllowed");
        var since = old is not null && (string?)old["status"] == allowed
            ? (string?)old["lastTransitionTime"]
            : ObjectMeta.Timestamp(Ctx.Now);
        return new JsonObject
        {
            ["observedGeneration"] = generation,
            ["disruptionsAllowed"] = state.DisruptionsAllowed,
            ["currentHealthy"] = state.CurrentHealthy,
            ["desiredHealthy"] = state.DesiredHealthy,
            ["expectedPods"] = state.ExpectedPods,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "DisruptionAllowed",
                ["status"] = allowed,
                ["observedGeneration"] = generation,
                ["lastTransitionTime"] = since,
                ["reason"] = state.DisruptionsAllowed > 0 ? "SufficientPods" : "InsufficientPods",
                ["message"] = "",
            }),
        };
    }
}
