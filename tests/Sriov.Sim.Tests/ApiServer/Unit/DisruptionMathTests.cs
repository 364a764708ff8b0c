using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Eviction;

namespace Sriov.Sim.Tests.ApiServer.Unit;

public class DisruptionMathTests
{
    [Theory]
    [InlineData("\"minAvailable\":2", 3, 3, 2, 1)]
    [InlineData("\"minAvailable\":3", 3, 3, 3, 0)]
    [InlineData("\"minAvailable\":\"50%\"", 3, 2, 2, 0)]
    [InlineData("\"maxUnavailable\":1", 3, 3, 2, 1)]
    [InlineData("\"maxUnavailable\":0", 3, 3, 3, 0)]
    [InlineData("\"maxUnavailable\":\"34%\"", 3, 3, 1, 2)]
    [InlineData("\"minAvailable\":1", 0, 0, 1, 0)]
    public void Computes_desired_and_allowed(string bound, int pods, int ready, int desired, int allowed)
    {
        var budget = JsonNode.Parse("""{"spec":{"selector":{"matchLabels":{"app":"x"}},""" + bound + "}}")!.AsObject();
        var podList = Enumerable.Range(0, pods).Select(i => Pod($"p{i}", "x", ready: i < ready)).ToList();
        podList.Add(Pod("other", "y", ready: true));
        var state = DisruptionMath.Compute(budget, podList);
        Assert.Equal(pods, state.ExpectedPods);
        Assert.Equal(ready, state.CurrentHealthy);
        Assert.Equal(desired, state.DesiredHealthy);
        Assert.Equal(allowed, state.DisruptionsAllowed);
    }

    [Fact]
    public void Deleting_pods_are_not_counted()
    {
        var budget = JsonNode.Parse("""{"spec":{"selector":{},"minAvailable":1}}""")!.AsObject();
        var deleting = Pod("a", "x", ready: true);
        deleting["metadata"]!["deletionTimestamp"] = "2024-01-01T00:00:00Z";
        var state = DisruptionMath.Compute(budget, [deleting, Pod("b", "x", ready: true)]);
        Assert.Equal(1, state.ExpectedPods);
        Assert.Equal(0, state.DisruptionsAllowed);
    }

    private static JsonObject Pod(string name, string app, bool ready) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = app } },
        ["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
        },
    };
}
