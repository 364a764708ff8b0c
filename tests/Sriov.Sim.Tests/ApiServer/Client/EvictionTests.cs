using k8s;
using k8s.Models;

namespace Sriov.Sim.Tests.ApiServer.Client;

public class EvictionTests
{
    public static TheoryData<string> Modes => new() { "http", "memory" };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Eviction_is_refused_with_429_while_the_budget_is_exhausted(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        await CreateReadyPodAsync(h, "web-1");
        await CreateReadyPodAsync(h, "web-2");
        await h.Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(new V1PodDisruptionBudget
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1PodDisruptionBudgetSpec
            {
                MinAvailable = 2,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            },
        }, "default");

        var refused = await Harness.StatusOfAsync(() => EvictAsync(h, "web-1"));
        Assert.Equal(429, (int?)refused["code"]);
        Assert.Equal("TooManyRequests", (string?)refused["reason"]);
        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", (string?)refused["message"]);
        Assert.Equal("DisruptionBudget", (string?)refused["details"]!["causes"]![0]!["reason"]);
        Assert.Equal("The disruption budget web needs 2 healthy pods and has 2 currently",
            (string?)refused["details"]!["causes"]![0]!["message"]);
        await h.Client.CoreV1.ReadNamespacedPodAsync("web-1", "default");

        await CreateReadyPodAsync(h, "web-3");
        await h.Emulator.WaitForControllersAsync();
        var budget = await h.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("web", "default");
        Assert.Equal(1, budget.Status.DisruptionsAllowed);
        Assert.Equal(3, budget.Status.CurrentHealthy);

        await EvictAsync(h, "web-1");
        Assert.Equal(404, (int?)(await Harness.StatusOfAsync(() => h.Client.CoreV1.ReadNamespacedPodAsync("web-1", "default")))["code"]);
        await h.Emulator.WaitForControllersAsync();
        budget = await h.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("web", "default");
        Assert.Equal(0, budget.Status.DisruptionsAllowed);
        Assert.Equal(429, (int?)(await Harness.StatusOfAsync(() => EvictAsync(h, "web-2")))["code"]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Pods_without_a_budget_unready_pods_and_finished_pods_are_evicted(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        await h.Client.CoreV1.CreateNamespacedPodAsync(Pods.Pod("free", "n1", new() { ["app"] = "other" }), "default");
        await EvictAsync(h, "free");

        await CreateReadyPodAsync(h, "web-1");
        await CreateReadyPodAsync(h, "web-2", ready: false);
        await h.Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(new V1PodDisruptionBudget
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1PodDisruptionBudgetSpec
            {
                MinAvailable = 1,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            },
        }, "default");
        // The budget is met by web-1, so the unready web-2 may go; web-1 may not.
        await EvictAsync(h, "web-2");
        Assert.Equal(429, (int?)(await Harness.StatusOfAsync(() => EvictAsync(h, "web-1")))["code"]);

        var done = await h.Client.CoreV1.ReadNamespacedPodAsync("web-1", "default");
        done.Status.Phase = "Succeeded";
        await h.Client.CoreV1.ReplaceNamespacedPodStatusAsync(done, "web-1", "default");
        await EvictAsync(h, "web-1");
    }

    [Fact]
    public async Task Two_budgets_for_one_pod_is_a_500()
    {
        await using var h = await Harness.StartAsync("memory");
        await CreateReadyPodAsync(h, "web-1");
        foreach (var name in new[] { "a", "b" })
        {
            await h.Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(new V1PodDisruptionBudget
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1PodDisruptionBudgetSpec { MaxUnavailable = 1, Selector = new V1LabelSelector() },
            }, "default");
        }

        var status = await Harness.StatusOfAsync(() => EvictAsync(h, "web-1"));
        Assert.Equal(500, (int?)status["code"]);
        Assert.Contains("more than one PodDisruptionBudget", (string?)status["message"], StringComparison.Ordinal);
    }

    private static Task EvictAsync(Harness h, string pod) => h.Client.CoreV1.CreateNamespacedPodEvictionAsync(
        new V1Eviction { Metadata = new V1ObjectMeta { Name = pod, NamespaceProperty = "default" } }, pod, "default");

    private static async Task CreateReadyPodAsync(Harness h, string name, bool ready = true)
    {
        var pod = await h.Client.CoreV1.CreateNamespacedPodAsync(Pods.Pod(name, "n1", new() { ["app"] = "web" }), "default");
        pod.Status = Pods.Ready(ready);
        await h.Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, "default");
    }
}
