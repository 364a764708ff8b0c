using System.Text.Json;

namespace Sriov.Operator.Networks;

/// <summary>
/// The string fields of network CRs that carry JSON (<c>ipam</c>, <c>capabilities</c>, <c>metaPlugins</c>). Upstream
/// pastes them into the CNI config unchecked, so a typo surfaces only when a pod starts; we check them when rendering
/// and in admission.
/// </summary>
internal static class RawJson
{
    /// <summary>The trimmed text when it is one JSON object; null when empty.</summary>
    /// <exception cref="NetworkConfigException">Not a single JSON object.</exception>
    public static string? Object(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new NetworkConfigException($"{field} must be a JSON object such as {Example(field)}, found a JSON {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }

            return doc.RootElement.GetRawText();
        }
        catch (JsonException e)
        {
            throw new NetworkConfigException($"{field} is not valid JSON ({FirstSentence(e.Message)}); write a JSON object such as {Example(field)}", e);
        }
    }

    /// <summary>The plugin objects of <c>metaPlugins</c>: one JSON object, or several separated by commas.</summary>
    /// <exception cref="NetworkConfigException">Anything else.</exception>
    public static IReadOnlyList<string> Objects(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse("[" + text + "]");
            var result = new List<string>();
            foreach (var element in doc.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    throw new NetworkConfigException($"{field} must be CNI plugin objects separated by commas, e.g. {{\"type\": \"tuning\"}}, found a JSON {element.ValueKind.ToString().ToLowerInvariant()}");
                }

                if (!element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString()!.Length == 0)
                {
                    throw new NetworkConfigException($"{field}: every plugin needs a \"type\" naming the CNI plugin binary, e.g. {{\"type\": \"tuning\"}}");
                }

                result.Add(element.GetRawText());
            }

            return result;
        }
        catch (JsonException e)
        {
            throw new NetworkConfigException($"{field} is not valid JSON ({FirstSentence(e.Message)}); write plugin objects separated by commas, e.g. {{\"type\": \"tuning\"}}", e);
        }
    }

    private static string Example(string field) => field.EndsWith("ipam", StringComparison.Ordinal)
        ? "{\"type\": \"host-local\", \"subnet\": \"10.56.217.0/24\"}"
        : "{\"mac\": true}";

    private static string FirstSentence(string message) => message.Split(". ", 2)[0].TrimEnd('.');
}
