using System.Diagnostics;

namespace Sriov.Bench.Timing;

/// <summary>Repeated timing of an in-process action, shared by the benchmarks.</summary>
internal static class Samples
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmup"/> times, then <paramref name="runs"/> times,
    /// returning each measured run's milliseconds in run order.</summary>
    public static double[] Time(int runs, Action action, int warmup = 10)
    {
        for (var i = 0; i < warmup; i++)
        {
            action();
        }

        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return times;
    }
}
