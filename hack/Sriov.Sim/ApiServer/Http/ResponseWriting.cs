using System.Text;
using System.Text.Json.Nodes;

namespace Sriov.Sim.ApiServer.Http;

/// <summary>The bytes both front ends send: JSON bodies and watch event lines, and the Warning header form.</summary>
internal static class ResponseWriting
{
    public const string JsonContentType = "application/json";

    public static byte[] Json(JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    /// <summary>One watch event: a JSON object followed by a newline, as the API server streams them.</summary>
    public static byte[] EventLine(JsonObject evt) => Encoding.UTF8.GetBytes(evt.ToJsonString() + "\n");

    /// <summary>RFC 7234 warning header value with code 299, as the API server sends warnings.</summary>
    public static string Warning(string text) => $"299 - \"{text.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
