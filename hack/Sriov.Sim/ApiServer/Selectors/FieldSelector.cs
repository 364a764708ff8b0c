using System.Text;
using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;

namespace Sriov.Sim.ApiServer.Selectors;

/// <summary>
/// A field selector (<c>metadata.name=x,spec.nodeName!=n1</c>): equality and inequality on the few fields each
/// resource supports; any other field is refused with 400 as the API server refuses it. Values may escape
/// <c>\</c>, <c>,</c> and <c>=</c> with a backslash.
/// </summary>
internal sealed class FieldSelector
{
    private readonly IReadOnlyList<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string Field, bool Equal, string Value)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public IReadOnlyList<(string Field, bool Equal, string Value)> Terms => _terms;

    public static FieldSelector Parse(string? text, IReadOnlySet<string> extraFields, string resourceForErrors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(string, bool, string)>();
        foreach (var term in SplitUnescaped(text, ','))
        {
            var (field, equal, value) = ParseTerm(term, text);
            if (field is not ("metadata.name" or "metadata.namespace") && !extraFields.Contains(field))
            {
                throw ApiErrors.BadRequest($"field label not supported: {field} (resource {resourceForErrors})");
            }

            terms.Add((field, equal, value));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj) =>
        _terms.All(t => string.Equals(JsonPath.GetScalarString(obj, t.Field), t.Value, StringComparison.Ordinal) == t.Equal);

    private static (string Field, bool Equal, string Value) ParseTerm(string term, string text)
    {
        foreach (var (op, equal) in new[] { ("!=", false), ("==", true), ("=", true) })
        {
            var at = IndexOfUnescaped(term, op);
            if (at > 0)
            {
                return (term[..at].Trim(), equal, Unescape(term[(at + op.Length)..].Trim()));
            }
        }

        throw ApiErrors.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
    }

    private static int IndexOfUnescaped(string s, string token)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
                continue;
            }

            if (string.CompareOrdinal(s, i, token, 0, token.Length) == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> SplitUnescaped(string s, char separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                current.Append(s[i]).Append(s[++i]);
            }
            else if (s[i] == separator)
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(s[i]);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }

    private static string Unescape(string s)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
            }

            sb.Append(s[i]);
        }

        return sb.ToString();
    }
}
