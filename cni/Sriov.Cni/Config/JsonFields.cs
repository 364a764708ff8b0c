using System.Globalization;
using System.Text.Json;
using Sriov.Cni.Skel;

namespace Sriov.Cni.Config;

/// <summary>
/// The members of one JSON object matched to known field names the way Go's <c>encoding/json</c> matches them (upstream
/// sriov-cni decodes its netconf and cache with it): an exact name first, else the first known field equal ignoring
/// case; a later duplicate overwrites an earlier one; unknown members are ignored. JSON <c>null</c> reads as absent.
/// Type errors are code 7 naming the key and the value.
/// </summary>
internal sealed class JsonFields
{
    private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);
    private readonly string _prefix;

    private JsonFields(string prefix) => _prefix = prefix;

    /// <param name="element">A JSON object.</param>
    /// <param name="known">The field names, in the order Go would try them case-insensitively (struct order).</param>
    /// <param name="prefix">Put in front of keys in error messages (<c>ipam.</c>, <c>runtimeConfig.</c>).</param>
    public static JsonFields Of(JsonElement element, IReadOnlyList<string> known, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(known);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CniException(
                CniErrorCode.InvalidNetworkConfig,
                $"{(prefix.Length == 0 ? "the network configuration" : prefix.TrimEnd('.'))} must be a JSON object, not {Describe(element)}");
        }

        var fields = new JsonFields(prefix);
        foreach (var member in element.EnumerateObject())
        {
            var field = Match(member.Name, known);
            if (field is not null)
            {
                fields._values[field] = member.Value;
            }
        }

        return fields;
    }

    /// <summary>The raw value, when present and not null.</summary>
    public bool TryGet(string field, out JsonElement value) =>
        _values.TryGetValue(field, out value) && value.ValueKind != JsonValueKind.Null;

    public bool Has(string field) => TryGet(field, out _);

    public string? String(string field)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw TypeError(field, "a string", value);
    }

    public int? Int(string field)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw TypeError(field, "an integer", value);
        }

        return value.TryGetInt32(out var number)
            ? number
            : throw new CniException(
                CniErrorCode.InvalidNetworkConfig, $"{_prefix}{field}: {value.GetRawText()} is not an integer in the 32-bit range");
    }

    public long? Long(string field)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw TypeError(field, "an integer", value);
        }

        return number;
    }

    public bool? Bool(string field)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw TypeError(field, "true or false", value),
        };
    }

    public JsonElement? Object(string field)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw TypeError(field, "an object", value);
    }

    public JsonElement? Array(string field)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array ? value : throw TypeError(field, "an array", value);
    }

    public static string Describe(JsonElement value)
    {
        var raw = value.GetRawText();
        if (raw.Length > 60)
        {
            raw = raw[..57] + "...";
        }

        var kind = value.ValueKind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => "null",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{raw} ({kind})");
    }

    private CniException TypeError(string field, string expected, JsonElement value) =>
        new(CniErrorCode.InvalidNetworkConfig, $"{_prefix}{field}: expected {expected}, got {Describe(value)}");

    private static string? Match(string name, IReadOnlyList<string> known)
    {
        foreach (var field in known)
        {
            if (string.Equals(field, name, StringComparison.Ordinal))
            {
                return field;
            }
        }

        foreach (var field in known)
        {
            if (string.Equals(field, name, StringComparison.OrdinalIgnoreCase))
            {
                return field;
            }
        }

        return null;
    }
}
