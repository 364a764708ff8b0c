using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using Sriov.Api.Json;
using Sriov.Api.Schema;

namespace Sriov.Api.Manifests;

/// <summary>
/// Decodes manifest documents into the C# types of this project (the seven <c>sriovnetwork.openshift.io/v1</c> kinds
/// and the NetworkAttachmentDefinition) and the core kinds the operator reads (Node, Namespace, ConfigMap).
/// Custom resources first go through their CRD schema (<see cref="CrdSchemaSet.Embedded"/>) the way the API server
/// stores them: pruned, defaulted and validated. <c>List</c> documents are expanded. Objects of other kinds come back
/// with a null <see cref="ManifestObject.Value"/>.
/// </summary>
public static class ManifestDecoder
{
    private sealed record KnownKind(Func<JsonObject, object> Decode);

    private static readonly Dictionary<(string ApiVersion, string Kind), KnownKind> Kinds = BuildKinds();

    /// <summary>True when objects of this apiVersion and kind are decoded.</summary>
    public static bool IsKnownKind(string apiVersion, string kind) => Kinds.ContainsKey((apiVersion, kind));

    /// <exception cref="ManifestException">The document lacks apiVersion/kind, or a field has the wrong type.</exception>
    public static IReadOnlyList<ManifestObject> Decode(ManifestDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (apiVersion, kind) = TypeOf(document.Json, document.Where);
        if (document.Json["items"] is JsonArray items && kind.EndsWith("List", StringComparison.Ordinal))
        {
            var result = new List<ManifestObject>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonObject item)
                {
                    throw new ManifestException($"{document.Where}, item {i + 1}: expected an object, found {items[i]?.GetValueKind().ToString() ?? "null"}");
                }

                result.Add(DecodeOne(document, i + 1, item));
            }

            return result;
        }

        return [DecodeOne(document, null, document.Json)];
    }

    private static ManifestObject DecodeOne(ManifestDocument document, int? item, JsonObject json)
    {
        var where = item is { } i ? $"{document.Where}, item {i}" : document.Where;
        var (apiVersion, kind) = TypeOf(json, where);
        var metadata = json["metadata"] as JsonObject;
        var name = metadata?["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : "";
        var ns = metadata?["namespace"] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;
        if (!Kinds.TryGetValue((apiVersion, kind), out var known))
        {
            return new ManifestObject(document, item, apiVersion, kind, ns, name, null, [], []);
        }

        IReadOnlyList<string> pruned = [];
        if (CrdSchemaSet.Embedded.TryGet(apiVersion, kind, out var schema))
        {
            json = (JsonObject)json.DeepClone();
            var result = schema.Apply(json);
            if (!result.IsValid)
            {
                return new ManifestObject(document, item, apiVersion, kind, ns, name, null, result.Errors, result.Pruned);
            }

            pruned = result.Pruned;
        }

        object value;
        try
        {
            value = known.Decode(json);
        }
        catch (JsonException e)
        {
            var label = $"{where} ({kind} {(string.IsNullOrEmpty(ns) ? "" : ns + "/")}{name})";
            throw new ManifestException($"{label}: {JsonErrors.Describe(e, json)}", e);
        }

        return new ManifestObject(document, item, apiVersion, kind, ns, name, value, [], pruned);
    }

    private static (string ApiVersion, string Kind) TypeOf(JsonObject json, string where)
    {
        var apiVersion = json["apiVersion"] is JsonValue a && a.TryGetValue<string>(out var av) ? av : null;
        var kind = json["kind"] is JsonValue k && k.TryGetValue<string>(out var kv) ? kv : null;
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            throw new ManifestException($"{where}: a Kubernetes object needs string fields apiVersion and kind");
        }

        return (apiVersion, kind);
    }

    private static Dictionary<(string, string), KnownKind> BuildKinds()
    {
        var ctx = SriovJsonContext.Default;
        var kinds = new Dictionary<(string, string), KnownKind>();
        void Ours<T>(JsonTypeInfo<T> info)
            where T : class, IKubernetesObject, new()
        {
            var sample = new T();
            kinds[(sample.ApiVersion, sample.Kind)] = new KnownKind(
                j => j.Deserialize(info) ?? throw new JsonException("the object is null"));
        }

        void Core<T>(string kind)
            where T : class
        {
            kinds[("v1", kind)] = new KnownKind(
                j => KubernetesJson.Deserialize<T>(j) ?? throw new JsonException("the object is null"));
        }

        Ours(ctx.SriovNetworkNodePolicy);
        Ours(ctx.SriovNetworkNodeState);
        Ours(ctx.SriovNetwork);
        Ours(ctx.SriovIBNetwork);
        Ours(ctx.OvsNetwork);
        Ours(ctx.SriovOperatorConfig);
        Ours(ctx.SriovNetworkPoolConfig);
        Ours(ctx.NetworkAttachmentDefinition);
        Core<V1Node>("Node");
        Core<V1Namespace>("Namespace");
        Core<V1ConfigMap>("ConfigMap");
        return kinds;
    }
}
