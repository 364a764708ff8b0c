using Sriov.Kube.Reconcile;

namespace Sriov.Kube.Tests.Reconcile;

public class RequeuePolicyTests
{
    public static TheoryData<string, ReconcileResult, Exception?, string, double> Cases => new()
    {
        { "done", ReconcileResult.Done, null, nameof(RequeueAction.Forget), 0 },
        { "poll later", ReconcileResult.After(TimeSpan.FromSeconds(30)), null, nameof(RequeueAction.After), 30 },
        { "retry without error", ReconcileResult.Retry, null, nameof(RequeueAction.RateLimited), 0 },
        { "error", ReconcileResult.Done, new InvalidOperationException("x"), nameof(RequeueAction.RateLimited), 0 },
        { "error beats RequeueAfter", ReconcileResult.After(TimeSpan.FromSeconds(30)), new IOException("x"), nameof(RequeueAction.RateLimited), 0 },
        { "terminal", ReconcileResult.Done, new TerminalReconcileException("bad spec"), nameof(RequeueAction.Drop), 0 },
        { "terminal beats Requeue", ReconcileResult.Retry, new TerminalReconcileException("bad spec"), nameof(RequeueAction.Drop), 0 },
        { "RequeueAfter beats Requeue", new ReconcileResult { Requeue = true, RequeueAfter = TimeSpan.FromSeconds(5) }, null, nameof(RequeueAction.After), 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outcome_maps_to_requeue(string name, ReconcileResult result, Exception? error, string action, double seconds)
    {
        Assert.NotEmpty(name);
        var (decided, delay) = RequeuePolicy.Decide(result, error);
        Assert.Equal((action, TimeSpan.FromSeconds(seconds)), (decided.ToString(), delay));
    }

    [Fact]
    public void A_zero_or_negative_requeue_after_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconcileResult.After(TimeSpan.Zero));
    }
}
