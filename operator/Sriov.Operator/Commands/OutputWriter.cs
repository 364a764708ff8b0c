using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sriov.Operator.Commands;

/// <summary>Prints the command's result as indented JSON or as YAML.</summary>
internal static class OutputWriter
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Format(JsonNode node, OutputFormat format) => format switch
    {
        OutputFormat.Yaml => YamlWriter.Write(node),
        _ => node.ToJsonString(Indented) + "\n",
    };
}
