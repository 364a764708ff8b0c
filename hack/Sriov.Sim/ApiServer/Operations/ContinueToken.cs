using System.Text;
using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>
/// The API server's continue token: base64url of <c>{"v":"meta.k8s.io/v1","rv":N,"start":"key"}</c>, where the next
/// page starts at <c>start</c> (the last key returned plus a NUL) in the state at revision N.
/// </summary>
internal static class ContinueToken
{
    public static string Encode(long revision, string startKey)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = revision, ["start"] = startKey }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static (long Revision, string StartKey) Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)))!;
            if ((string?)json["v"] != "meta.k8s.io/v1")
            {
                throw ApiErrors.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
            }

            var rv = (long?)json["rv"] ?? 0;
            var start = (string?)json["start"] ?? "";
            if (rv <= 0 || start.Length == 0)
            {
                throw ApiErrors.BadRequest("continue key is not valid: incorrect encoded start resourceVersion or key");
            }

            return (rv, start);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw ApiErrors.BadRequest($"continue key is not valid: {e.Message}");
        }
    }
}
