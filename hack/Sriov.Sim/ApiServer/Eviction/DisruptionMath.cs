using System.Globalization;
using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Selectors;

namespace Sriov.Sim.ApiServer.Eviction;

/// <summary>
/// What the disruption controller computes for a budget: the selected pods that are not being deleted are expected,
/// the Ready ones are healthy, <c>minAvailable</c>/<c>maxUnavailable</c> (integer or percentage, rounded up) give the
/// desired healthy count, and the difference is the disruptions allowed. Upstream takes the expected count from the
/// pods' controllers' scale for percentages and maxUnavailable; here the selected pods are counted (approximation).
/// </summary>
internal static class DisruptionMath
{
    public static DisruptionState Compute(JsonObject budget, IEnumerable<JsonObject> podsInNamespace)
    {
        var selector = LabelSelector.FromObject(budget["spec"]?["selector"]);
        var pods = podsInNamespace.Where(p => !ObjectMeta.IsDeleting(p) && selector.Matches(ObjectMeta.Labels(p)))
            .ToList();
        var expected = pods.Count;
        var healthy = pods.Count(IsReady);
        var spec = budget["spec"] as JsonObject;
        int desired;
        if (spec?["maxUnavailable"] is { } maxUnavailable)
        {
            desired = Math.Max(0, expected - Scaled(maxUnavailable, expected));
        }
        else if (spec?["minAvailable"] is { } minAvailable)
        {
            desired = Scaled(minAvailable, expected);
        }
        else
        {
            desired = 0;
        }

        return new DisruptionState(expected, healthy, desired, Math.Max(0, healthy - desired));
    }

    /// <summary>A pod is healthy when its Ready condition is True, as the disruption controller counts it.</summary>
    public static bool IsReady(JsonObject pod) =>
        pod["status"]?["conditions"] is JsonArray conditions
        && conditions.OfType<JsonObject>().Any(c => (string?)c["type"] == "Ready" && (string?)c["status"] == "True");

    /// <summary>An IntOrString scaled against a total, percentages rounded up.</summary>
    public static int Scaled(JsonNode value, int total)
    {
        if (JsonNumber.TryGetLong(value, out var n))
        {
            return (int)n;
        }

        var text = value.ToString();
        if (text.EndsWith('%') && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            return (int)Math.Ceiling(percent * total / 100.0);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain) ? plain : 0;
    }
}
