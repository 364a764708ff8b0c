using System.Globalization;

namespace Sriov.DevicePlugin.Selection;

/// <summary>
/// The function list after <c>#</c> in a <c>pfNames</c> or <c>rootDevices</c> entry: comma-separated indexes and
/// inclusive ranges (<c>0,2-7,9</c>), 0-based VF indexes (SF numbers for auxiliary devices).
/// </summary>
internal sealed class FunctionRange
{
    private readonly (int From, int To)[] _spans;

    private FunctionRange((int, int)[] spans, string text)
    {
        _spans = spans;
        Text = text;
    }

    public string Text { get; }

    public bool Contains(int index)
    {
        foreach (var (from, to) in _spans)
        {
            if (index >= from && index <= to)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses <c>0,2-7,9</c>; returns null and the reason when it is malformed.</summary>
    public static FunctionRange? TryParse(string text, out string? error)
    {
        error = null;
        var spans = new List<(int, int)>();
        foreach (var item in text.Split(','))
        {
            var parts = item.Split('-');
            if (parts.Length > 2)
            {
                error = $"\"{item}\" has more than one '-'";
                return null;
            }

            if (!TryIndex(parts[0], out var from) || (parts.Length == 2 && !TryIndex(parts[1], out _)))
            {
                error = $"\"{item}\" is not an index or a range A-B of non-negative integers";
                return null;
            }

            var to = parts.Length == 2 ? int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture) : from;
            if (to < from)
            {
                error = $"range \"{item}\" ends before it starts";
                return null;
            }

            spans.Add((from, to));
        }

        return new FunctionRange([.. spans], text);
    }

    private static bool TryIndex(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public override string ToString() => Text;
}
