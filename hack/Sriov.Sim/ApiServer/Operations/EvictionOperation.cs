using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Eviction;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Resources;
using Sriov.Sim.ApiServer.Selectors;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>
/// POST <c>pods/{name}/eviction</c>: deletes the pod unless a PodDisruptionBudget selecting it has no disruption left
/// (429 TooManyRequests with a DisruptionBudget cause, the answer drains retry on). Pods already deleting or in a
/// terminal phase are evicted without a budget check; an unready pod is evicted when its budget is otherwise met (or
/// the budget says <c>unhealthyPodEvictionPolicy: AlwaysAllow</c>); more than one budget is a 500, as upstream.
/// </summary>
internal sealed class EvictionOperation
{
    public const string PodsKey = "/pods";
    public const string BudgetsKey = "policy/poddisruptionbudgets";

    private readonly ApiContext _ctx;
    private readonly DeleteOperation _delete;

    public EvictionOperation(ApiContext ctx, DeleteOperation delete)
    {
        _ctx = ctx;
        _delete = delete;
    }

    public JsonObject Evict(ResourceType pods, string ns, string name, JsonObject body)
    {
        var bodyName = ObjectMeta.Name(body);
        if (bodyName.Length > 0 && bodyName != name)
        {
            throw ApiErrors.BadRequest($"name in URL does not match name in Eviction object: {name} != {bodyName}");
        }

        var deleteOptions = RequestOptions.ParseDeleteOptions(body["deleteOptions"] as JsonObject, null);
        lock (_ctx.Store.Gate)
        {
            var pod = _ctx.Store.Get(PodsKey, ns, name) ?? throw ApiErrors.NotFound(pods, name);
            var phase = (string?)pod["status"]?["phase"];
            if (!ObjectMeta.IsDeleting(pod) && phase is not ("Succeeded" or "Failed"))
            {
                CheckBudget(pod, ns);
            }

            _delete.Delete(pods, ns, name, deleteOptions);
            var status = StatusObjects.Success(name, "", "pods", ObjectMeta.Uid(pod));
            status["code"] = 201;
            return status;
        }
    }

    private void CheckBudget(JsonObject pod, string ns)
    {
        var labels = ObjectMeta.Labels(pod);
        var budgets = _ctx.Store.List(BudgetsKey, ns)
            .Where(b => LabelSelector.FromObject(b["spec"]?["selector"]).Matches(labels)).ToList();
        if (budgets.Count > 1)
        {
            throw ApiErrors.Internal(
                "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }

        if (budgets.Count == 0)
        {
            return;
        }

        var budget = budgets[0];
        var state = DisruptionMath.Compute(budget, _ctx.Store.List(PodsKey, ns));
        if (!DisruptionMath.IsReady(pod))
        {
            var alwaysAllow = (string?)budget["spec"]?["unhealthyPodEvictionPolicy"] == "AlwaysAllow";
            if (alwaysAllow || state.CurrentHealthy >= state.DesiredHealthy)
            {
                return;
            }
        }
        else if (state.DisruptionsAllowed > 0)
        {
            return;
        }

        var details = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject
            {
                ["reason"] = "DisruptionBudget",
                ["message"] = $"The disruption budget {ObjectMeta.Name(budget)} needs {state.DesiredHealthy} healthy " +
                              $"pods and has {state.CurrentHealthy} currently",
            }),
        };
        throw new ApiException(429, "TooManyRequests",
            "Cannot evict pod as it would violate the pod's disruption budget.", details);
    }
}
