using Microsoft.Extensions.Time.Testing;
using k8s.Models;
using Sriov.Kube.Client;
using Sriov.Kube.Leadership;
using Sriov.Kube.Tests.Support;

namespace Sriov.Kube.Tests.Leadership;

/// <summary>One operator replica: its own client and transport, an elector on the shared fake clock, and the times (on
/// that clock) at which its work started and was told to stop.</summary>
internal sealed class Candidate : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly FakeTimeProvider _time;

    public Candidate(KubeHarness h, string identity, FakeTimeProvider time)
    {
        _time = time;
        Transport = new TestTransport();
        Elector = new LeaderElector(new ResourceClient<V1Lease>(h.NewClient(Transport)), Options(identity), time);
        Run = Task.Run(() => Elector.RunAsync(async leading =>
        {
            StartedAt = time.GetUtcNow();
            try
            {
                await Task.Delay(Timeout.Infinite, leading);
            }
            finally
            {
                StoppedAt = time.GetUtcNow();
            }
        }, _stop.Token));
    }

    public TestTransport Transport { get; }

    public LeaderElector Elector { get; }

    public Task Run { get; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? StoppedAt { get; private set; }

    public static LeaderElectionOptions Options(string identity) => new()
    {
        Namespace = KubeHarness.Ns,
        LeaseName = "sriov-network-operator-lock",
        Identity = identity,
        LeaseDuration = TimeSpan.FromSeconds(15),
        RenewDeadline = TimeSpan.FromSeconds(10),
        RetryPeriod = TimeSpan.FromSeconds(2),
    };

    public Task StopAsync() => _stop.CancelAsync();

    /// <summary>Advances the clock a second at a time, letting the candidates act in between, until
    /// <paramref name="condition"/> holds (at most <paramref name="maxSeconds"/> fake seconds).</summary>
    public static async Task StepUntilAsync(FakeTimeProvider time, Func<bool> condition, string what, int maxSeconds = 60)
    {
        for (var s = 0; !condition(); s++)
        {
            if (s >= maxSeconds)
            {
                throw new TimeoutException($"{what} did not happen within {maxSeconds} fake seconds");
            }

            await Settle();
            time.Advance(TimeSpan.FromSeconds(1));
            await Settle();
        }
    }

    public static async Task StepAsync(FakeTimeProvider time, int seconds)
    {
        for (var s = 0; s < seconds; s++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Settle();
        }
    }

    // The candidates react to the clock on the thread pool; give them real time to do so.
    private static Task Settle() => Task.Delay(25);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
