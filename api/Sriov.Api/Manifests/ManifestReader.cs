using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sriov.Api.Manifests;

/// <summary>
/// Splits manifest text (multi-document YAML, or one or more JSON values) into JSON objects. No I/O: the caller
/// reads the files.
/// </summary>
public static class ManifestReader
{
    /// <summary>Reads every non-empty document of <paramref name="text"/>.</summary>
    /// <param name="text">The file contents.</param>
    /// <param name="source">Named in errors: the file path, or <c>-</c> for stdin.</param>
    /// <exception cref="ManifestException">Malformed YAML or JSON, or a document that is not an object.</exception>
    public static IReadOnlyList<ManifestDocument> Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var isJsonFile = source.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var first = text.AsSpan().TrimStart();
        if (isJsonFile || (!first.IsEmpty && first[0] is '{' or '['))
        {
            // JSON files are read as JSON, not as YAML: JSON allows tab indentation, YAML does not.
            try
            {
                return ReadJson(text, source);
            }
            catch (ManifestException) when (!isJsonFile)
            {
                // A YAML flow mapping also starts with '{'; fall through.
            }
        }

        return ReadYaml(text, source);
    }

    private static List<ManifestDocument> ReadJson(string text, string source)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions
        {
            AllowMultipleValues = true,
            CommentHandling = JsonCommentHandling.Skip,
        });
        var docs = new List<ManifestDocument>();
        var index = 0;
        try
        {
            // Each Read() moves to the first token of the next top-level value; Parse consumes that value.
            while (reader.Read())
            {
                index++;
                Add(docs, JsonNode.Parse(ref reader), source, index);
            }
        }
        catch (JsonException e)
        {
            throw new ManifestException(
                $"{source}, document {Math.Max(index, 1)}: invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", e);
        }

        return docs;
    }

    private static List<ManifestDocument> ReadYaml(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ManifestException(
                $"{source}, document {DocumentAt(text, e.Start.Line)}: invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {Inner(e)}", e);
        }

        var docs = new List<ManifestDocument>();
        for (var i = 0; i < stream.Documents.Count; i++)
        {
            JsonNode? node;
            try
            {
                node = YamlToJson.Convert(stream.Documents[i].RootNode);
            }
            catch (YamlException e)
            {
                throw new ManifestException(
                    $"{source}, document {i + 1}: line {e.Start.Line}, column {e.Start.Column}: {Inner(e)}", e);
            }

            Add(docs, node, source, i + 1);
        }

        return docs;
    }

    private static void Add(List<ManifestDocument> docs, JsonNode? node, string source, int index)
    {
        switch (node)
        {
            case null:
                return; // an empty document, e.g. a trailing "---"
            case JsonObject obj:
                docs.Add(new ManifestDocument(source, index, obj));
                return;
            default:
                throw new ManifestException(
                    $"{source}, document {index}: expected a Kubernetes object (a mapping with apiVersion and kind), found a {node.GetValueKind()}");
        }
    }

    /// <summary>The 1-based document a line falls in: "---" lines start documents, text before the first one is document 1.</summary>
    private static long DocumentAt(string text, long line)
    {
        long document = 0;
        var content = false;
        using var reader = new StringReader(text);
        for (long n = 1; n <= line && reader.ReadLine() is { } l; n++)
        {
            if (l == "---" || l.StartsWith("--- ", StringComparison.Ordinal))
            {
                document++;
                content = true;
            }
            else if (!content && l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            {
                document++;
                content = true;
            }
        }

        return Math.Max(document, 1);
    }

    private static string Inner(YamlException e) => e.InnerException?.Message ?? e.Message;
}
