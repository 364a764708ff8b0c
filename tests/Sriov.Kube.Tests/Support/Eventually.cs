namespace Sriov.Kube.Tests.Support;

/// <summary>Waits for a condition that background work (an informer, a worker) makes true, polling every few ms; fails
/// with <paramref name="what"/> after 10 s. Optionally advances a fake clock between polls.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, Action? step = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited 10 s for {what}");
            }

            step?.Invoke();
            await Task.Delay(5);
        }
    }
}
