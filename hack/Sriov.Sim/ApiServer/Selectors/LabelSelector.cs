using System.Globalization;
using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;

namespace Sriov.Sim.ApiServer.Selectors;

/// <summary>
/// A label selector, parsed from the query-string form (<c>app=x,tier!=db,env in (a,b),!legacy</c>) or from a
/// <c>LabelSelector</c> object (<c>matchLabels</c> + <c>matchExpressions</c>). All requirements must hold.
/// </summary>
internal sealed class LabelSelector
{
    private readonly IReadOnlyList<LabelRequirement> _requirements;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing = false)
    {
        _requirements = requirements;
        MatchesNothing = matchesNothing;
    }

    public static LabelSelector Everything { get; } = new([]);

    /// <summary>A null <c>LabelSelector</c> object matches nothing (a PDB without selector selects no pods).</summary>
    public bool MatchesNothing { get; }

    public IReadOnlyList<LabelRequirement> Requirements => _requirements;

    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        !MatchesNothing && _requirements.All(r => r.Matches(labels));

    /// <summary>Parses the query-string form; a malformed selector is a 400 naming the problem.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var reader = new SelectorReader(text);
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            requirements.Add(ParseRequirement(reader, text));
            reader.SkipSpaces();
            if (reader.AtEnd)
            {
                return new LabelSelector(requirements);
            }

            if (!reader.TryConsume(","))
            {
                throw Error(text, $"found '{reader.Peek}', expected: ',' or 'end of string'");
            }
        }
    }

    /// <summary>Builds a selector from a <c>metav1.LabelSelector</c> object; null selects nothing.</summary>
    public static LabelSelector FromObject(JsonNode? node)
    {
        if (node is not JsonObject selector)
        {
            return new LabelSelector([], matchesNothing: true);
        }

        var requirements = ObjectMeta.StringMap(selector["matchLabels"])
            .Select(kv => new LabelRequirement(kv.Key, LabelOperator.Equals, [kv.Value]))
            .ToList();
        if (selector["matchExpressions"] is JsonArray expressions)
        {
            foreach (var e in expressions.OfType<JsonObject>())
            {
                var op = ObjectMeta.StrOf(e, "operator") switch
                {
                    "In" => LabelOperator.In,
                    "NotIn" => LabelOperator.NotIn,
                    "Exists" => LabelOperator.Exists,
                    "DoesNotExist" => LabelOperator.DoesNotExist,
                    var other => throw ApiErrors.BadRequest($"\"{other}\" is not a valid label selector operator"),
                };
                requirements.Add(new LabelRequirement(ObjectMeta.StrOf(e, "key"), op, ObjectMeta.StringList(e["values"])));
            }
        }

        return new LabelSelector(requirements);
    }

    private static LabelRequirement ParseRequirement(SelectorReader reader, string text)
    {
        reader.SkipSpaces();
        if (reader.TryConsume("!"))
        {
            reader.SkipSpaces();
            return new LabelRequirement(Key(reader, text), LabelOperator.DoesNotExist, []);
        }

        var key = Key(reader, text);
        reader.SkipSpaces();
        if (reader.AtEnd || reader.Peek == ',')
        {
            return new LabelRequirement(key, LabelOperator.Exists, []);
        }

        if (reader.TryConsume("==") || reader.TryConsume("="))
        {
            return new LabelRequirement(key, LabelOperator.Equals, [Value(reader, text)]);
        }

        if (reader.TryConsume("!="))
        {
            return new LabelRequirement(key, LabelOperator.NotEquals, [Value(reader, text)]);
        }

        if (reader.TryConsume(">") || reader.TryConsume("<"))
        {
            var op = text[reader.Position - 1] == '>' ? LabelOperator.GreaterThan : LabelOperator.LessThan;
            var value = Value(reader, text);
            if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                throw Error(text, $"for 'Gt', 'Lt' operators, the value must be an integer, got \"{value}\"");
            }

            return new LabelRequirement(key, op, [value]);
        }

        var word = reader.ReadWhile(char.IsLetter);
        var setOp = word switch
        {
            "in" => LabelOperator.In,
            "notin" => LabelOperator.NotIn,
            _ => throw Error(text, $"found '{word}', expected: in, notin, =, ==, !=, gt, lt"),
        };
        reader.SkipSpaces();
        if (!reader.TryConsume("("))
        {
            throw Error(text, "expected '(' after " + word);
        }

        var values = new List<string>();
        while (true)
        {
            reader.SkipSpaces();
            values.Add(Value(reader, text));
            reader.SkipSpaces();
            if (reader.TryConsume(")"))
            {
                return new LabelRequirement(key, setOp, values);
            }

            if (!reader.TryConsume(","))
            {
                throw Error(text, "expected ',' or ')' in a set of values");
            }
        }
    }

    private static string Key(SelectorReader reader, string text)
    {
        var key = reader.ReadWhile(c => !char.IsWhiteSpace(c) && c is not ('=' or '!' or '<' or '>' or ',' or '(' or ')'));
        if (key.Length == 0)
        {
            throw Error(text, "expected a label key");
        }

        if (NameValidation.QualifiedName(key) is { } error)
        {
            throw Error(text, $"invalid label key \"{key}\": {error}");
        }

        return key;
    }

    private static string Value(SelectorReader reader, string text)
    {
        reader.SkipSpaces();
        var value = reader.ReadWhile(c => !char.IsWhiteSpace(c) && c is not (',' or ')' or '(' or '=' or '!'));
        if (NameValidation.LabelValue(value) is { } error)
        {
            throw Error(text, $"invalid label value \"{value}\": {error}");
        }

        return value;
    }

    private static ApiException Error(string text, string why) =>
        ApiErrors.BadRequest($"unable to parse requirement: {why} (in label selector \"{text}\")");
}
