using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sriov.Api.Node.DevicePlugin;

/// <summary>Reads a selector object or an array of them; writes the form that was read (see <see cref="ResourceSelectorList"/>).</summary>
internal sealed class ResourceSelectorListConverter : JsonConverter<ResourceSelectorList>
{
    public override ResourceSelectorList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var info = NodeJsonContext.Default.ResourceSelector;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var one = JsonSerializer.Deserialize(ref reader, info)
                    ?? throw new JsonException("selectors: expected an object");
                return new ResourceSelectorList([one], writeAsArray: false);
            case JsonTokenType.StartArray:
                var list = new List<ResourceSelector>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new JsonException($"selectors[{list.Count}]: expected a selector object, found {reader.TokenType}");
                    }

                    list.Add(JsonSerializer.Deserialize(ref reader, info)!);
                }

                return new ResourceSelectorList(list, writeAsArray: true);
            default:
                throw new JsonException($"selectors: expected a selector object or an array of them, found {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, ResourceSelectorList value, JsonSerializerOptions options)
    {
        var info = NodeJsonContext.Default.ResourceSelector;
        if (!value.WriteAsArray && value.Count == 1)
        {
            JsonSerializer.Serialize(writer, value[0], info);
            return;
        }

        writer.WriteStartArray();
        foreach (var selector in value)
        {
            JsonSerializer.Serialize(writer, selector, info);
        }

        writer.WriteEndArray();
    }
}
