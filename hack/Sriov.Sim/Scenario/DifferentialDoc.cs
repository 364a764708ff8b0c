using System.Globalization;
using System.Text.RegularExpressions;

namespace Sriov.Sim.Scenario;

/// <summary>
/// The differential record inside a markdown document (docs/simulation.md), between the markers
/// <c>&lt;!-- differential:begin --&gt;</c> and <c>&lt;!-- differential:end --&gt;</c>: replaced by
/// <c>sriov-sim scenario compare --doc FILE</c>, and read back by the test that checks the document against a run.
/// </summary>
internal static partial class DifferentialDoc
{
    public const string Begin = "<!-- differential:begin -->";
    public const string End = "<!-- differential:end -->";

    /// <summary>The document with the text between the markers replaced by <paramref name="markdown"/>.</summary>
    public static string Replace(string document, string markdown)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(markdown);
        var (begin, end) = Markers(document);
        return document[..(begin + Begin.Length)] + "\n\n" + markdown.TrimEnd('\n') + "\n\n" + document[end..];
    }

    /// <summary>The table rows between the markers, each under its <c>#### `script`</c> heading.</summary>
    public static IReadOnlyList<ReportRow> Rows(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (begin, end) = Markers(document);
        var rows = new List<ReportRow>();
        string? script = null;
        foreach (var line in document[begin..end].Split('\n'))
        {
            if (Heading().Match(line) is { Success: true } heading)
            {
                script = heading.Groups[1].Value;
                continue;
            }

            var cells = UnescapedPipe().Split(line.Trim());
            if (script is null || cells.Length != 7 || !int.TryParse(cells[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var step))
            {
                continue;
            }

            rows.Add(new ReportRow(script, step, cells[2].Trim().Trim('`'), cells[3].Trim(), cells[4].Trim(), cells[5].Trim()));
        }

        return rows;
    }

    private static (int Begin, int End) Markers(string document)
    {
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        return begin >= 0 && end > begin ? (begin, end)
            : throw new FormatException($"the document has no '{Begin}' ... '{End}' section for the differential record");
    }

    [GeneratedRegex(@"^#### `([^`]+)`\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();
}
