using System.Globalization;

namespace Sriov.Api.NodeStates;

/// <summary>An inclusive range of VF indexes, written <c>first-last</c> in a node state's <c>vfRange</c>.</summary>
public readonly record struct VfRange(int First, int Last)
{
    /// <summary>The whole PF: <c>0-(numVfs-1)</c>.</summary>
    public static VfRange All(int numVfs) => new(0, numVfs - 1);

    public bool Overlaps(VfRange other) => First <= other.Last && other.First <= Last;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");

    /// <summary>Parses <c>"first-last"</c> (non-negative integers, last ≥ first).</summary>
    public static bool TryParse(string? text, out VfRange range)
    {
        range = default;
        var span = (text ?? "").AsSpan();
        var dash = span.IndexOf('-');
        if (dash < 0
            || !int.TryParse(span[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(span[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last < first)
        {
            return false;
        }

        range = new VfRange(first, last);
        return true;
    }
}
