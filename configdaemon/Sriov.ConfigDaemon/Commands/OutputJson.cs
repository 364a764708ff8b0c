using System.Text.Encodings.Web;
using System.Text.Json;
using Sriov.Api.Json;
using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.Planning;

namespace Sriov.ConfigDaemon.Commands;

/// <summary>The commands' JSON output: indented, CRD field names, no null fields.</summary>
internal static class OutputJson
{
    private static readonly JsonWriterOptions Writer = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly SriovJsonContext Context = new(new JsonSerializerOptions(SriovJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary><c>{"interfaces":[...]}</c>.</summary>
    public static string Status(List<InterfaceExt> interfaces) =>
        JsonSerializer.Serialize(new SriovNetworkNodeStateStatus { Interfaces = interfaces }, Context.SriovNetworkNodeStateStatus);

    public static string Plan(NodePlan plan)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            PlanJson.Write(json, plan);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
