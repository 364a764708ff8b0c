using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sriov.Api.Common;

/// <summary>JSON number ⇄ <see cref="IntegerOrString.Number"/>, JSON string ⇄ <see cref="IntegerOrString.Text"/>.</summary>
internal sealed class IntegerOrStringConverter : JsonConverter<IntegerOrString>
{
    public override IntegerOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt64(out var n) => IntegerOrString.FromNumber(n),
            JsonTokenType.Number => throw new JsonException("expected an integer or a string, found a non-integer number"),
            JsonTokenType.String => IntegerOrString.FromString(reader.GetString()!),
            _ => throw new JsonException($"expected an integer or a string, found {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, IntegerOrString value, JsonSerializerOptions options)
    {
        if (value.Number is { } n)
        {
            writer.WriteNumberValue(n);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
