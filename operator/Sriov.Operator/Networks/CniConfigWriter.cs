using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sriov.Operator.Networks;

/// <summary>
/// Writes a CNI network config the way upstream's templates lay it out (operator.md §3.2): <c>cniVersion</c> and
/// <c>name</c>, then the plugin's own keys; with <c>metaPlugins</c> the plugin moves into a <c>plugins</c> chain
/// followed by the meta plugins. The result is re-indented like Go's <c>json.Indent</c>.
/// </summary>
internal static class CniConfigWriter
{
    public const string CniVersion = "1.0.0";

    private static readonly JsonWriterOptions Options = new()
    {
        // Keep paths and non-ASCII text readable; only what JSON requires is escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="name">The network name (the CR name).</param>
    /// <param name="metaPlugins">The CR's <c>metaPlugins</c> text.</param>
    /// <param name="writeBody">Writes the plugin's keys, from <c>type</c> to <c>ipam</c>.</param>
    public static string Write(string name, string? metaPlugins, Action<Utf8JsonWriter> writeBody)
    {
        var meta = RawJson.Objects(metaPlugins, "spec.metaPlugins");
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("cniVersion", CniVersion);
            w.WriteString("name", name);
            if (meta.Count == 0)
            {
                writeBody(w);
            }
            else
            {
                w.WriteStartArray("plugins");
                w.WriteStartObject();
                writeBody(w);
                w.WriteEndObject();
                foreach (var plugin in meta)
                {
                    w.WriteRawValue(plugin);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return JsonIndent.Indent(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Writes a raw JSON object field when the text is set.</summary>
    public static void WriteObject(Utf8JsonWriter w, string key, string? text, string field)
    {
        if (RawJson.Object(text, field) is { } json)
        {
            w.WritePropertyName(key);
            w.WriteRawValue(json);
        }
    }

    /// <summary><c>"ipam"</c>: the CR's IPAM object, or <c>{}</c> when empty.</summary>
    public static void WriteIpam(Utf8JsonWriter w, string? ipam)
    {
        w.WritePropertyName("ipam");
        w.WriteRawValue(RawJson.Object(ipam, "spec.ipam") ?? "{}");
    }

    public static void WriteIfSet(Utf8JsonWriter w, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(key, value);
        }
    }
}
