using System.Globalization;

namespace Sriov.Bench.DevicePlugin;

/// <summary>Sorted samples in milliseconds and their percentiles.</summary>
internal sealed class Latencies(double[] samples)
{
    private readonly double[] _sorted = [.. samples.Order()];

    public int Count => _sorted.Length;

    public double Percentile(double p) => _sorted[Math.Min(_sorted.Length - 1, (int)(p / 100.0 * _sorted.Length))];

    public double Median => Percentile(50);

    public double Min => _sorted[0];

    public double Max => _sorted[^1];

    public static string Ms(double ms) => ms.ToString(ms < 1 ? "0.000" : "0.00", CultureInfo.InvariantCulture) + " ms";
}
