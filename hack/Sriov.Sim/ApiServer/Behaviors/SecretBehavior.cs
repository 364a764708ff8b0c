using System.Text;
using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Behaviors;

/// <summary>
/// Secrets: <c>stringData</c> is write-only, merged into <c>data</c> (base64) and dropped, and <c>type</c> defaults to
/// <c>Opaque</c>, as the API server does.
/// </summary>
internal sealed class SecretBehavior : KindBehavior
{
    public override void PrepareForCreate(JsonObject obj, ResourceType rt, ApiContext ctx) => Normalize(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string? subresource, ResourceType rt, ApiContext ctx) =>
        Normalize(obj);

    public override IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject? old, ResourceType rt)
    {
        var errors = new List<FieldError>();
        if (obj["data"] is JsonObject data)
        {
            foreach (var (key, value) in data)
            {
                if (value is not JsonValue v || !v.TryGetValue<string>(out var s) || !IsBase64(s))
                {
                    errors.Add(FieldError.Invalid($"data[{key}]", value, "must be base64-encoded"));
                }
            }
        }

        return errors;
    }

    private static void Normalize(JsonObject obj)
    {
        if (obj["stringData"] is JsonObject stringData)
        {
            var data = obj["data"] as JsonObject ?? [];
            foreach (var (key, value) in stringData)
            {
                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            }

            obj["data"] = data;
            obj.Remove("stringData");
        }

        obj["type"] ??= "Opaque";
    }

    private static bool IsBase64(string s)
    {
        var buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out _);
    }
}
