namespace Sriov.Host.Sysfs;

/// <summary>Polls a condition on sysfs with a bound. sysfs raises no inotify events, so polling is the only way to wait.</summary>
internal static class SysfsWait
{
    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Returns when <paramref name="done"/> holds; throws <see cref="SysfsTimeoutException"/> with <paramref name="what"/> after <paramref name="bound"/>.</summary>
    public static async Task UntilAsync(TimeProvider time, TimeSpan bound, Func<bool> done, Func<string> what, CancellationToken ct)
    {
        var start = time.GetTimestamp();
        var interval = FirstInterval;
        while (!done())
        {
            var left = bound - time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                throw new SysfsTimeoutException(what());
            }

            await Task.Delay(interval < left ? interval : left, time, ct);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, MaxInterval.Ticks));
        }
    }
}
