using System.Text.Json;

namespace Sriov.Api.Node.DevicePlugin;

/// <summary>Parses and writes the device plugin's resource config JSON.</summary>
public static class ResourceConfigReader
{
    /// <summary>
    /// Parses a config document. Strict JSON (no comments, no trailing commas), unknown keys ignored, keys matched
    /// case-insensitively, like upstream's reader.
    /// </summary>
    /// <exception cref="InvalidDataException">The text is not valid JSON or a value has the wrong type; the message names the JSON path.</exception>
    public static ResourceConfigList Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, NodeJsonContext.Default.ResourceConfigList)
                ?? throw new InvalidDataException($"{source}: the device plugin config is 'null'; expected {{\"resourceList\":[...]}}");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) ? "" : $" at {e.Path}";
            throw new InvalidDataException($"{source}: invalid device plugin config{where}: {e.Message}", e);
        }
    }

    /// <summary>Writes a config document as compact JSON, the form the operator puts in the ConfigMap.</summary>
    public static string Write(ResourceConfigList config) =>
        JsonSerializer.Serialize(config, NodeJsonContext.Default.ResourceConfigList);
}
