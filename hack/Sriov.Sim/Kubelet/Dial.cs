using Grpc.Core;

namespace Sriov.Sim.Kubelet;

/// <summary>
/// The kubelet dials plugins with a blocking dial that retries until its deadline: a plugin socket exists from
/// <c>bind(2)</c> on but accepts only after <c>listen(2)</c>, and a plugin may be a moment from serving. The first
/// call on a fresh connection is therefore retried while the socket refuses.
/// </summary>
internal static class Dial
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(50);

    public static async Task<T> UntilReadyAsync<T>(Func<DateTime, Task<T>> call, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await call(deadline);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && DateTime.UtcNow + Retry < deadline)
            {
                await Task.Delay(Retry, ct);
            }
        }
    }
}
