using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.OpenApi;

/// <summary>
/// The <c>/openapi/v3</c> documents kubectl needs before it sends a create or an apply: a root listing each
/// group/version with a hashed URL, and per group/version the collection and item operations, each tagged with
/// <c>x-kubernetes-group-version-kind</c> and <c>x-kubernetes-action</c> and listing the <c>fieldValidation</c>
/// parameter (so kubectl delegates validation to the server), plus a schema per kind: the CRD's own schema for custom
/// resources (what <c>kubectl explain</c> shows), an open object for built-in kinds.
/// </summary>
internal sealed class OpenApiDocuments
{
    // Strategic merge patch is deliberately not listed: kubectl then computes it for built-in kinds from its compiled-in
    // types (with the real merge keys) instead of from these schemas, which carry no patch metadata, and uses a JSON
    // merge patch for custom resources, as with a real API server.
    private static readonly string[] PatchTypes =
        ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"];

    private readonly ResourceRegistry _registry;

    public OpenApiDocuments(ResourceRegistry registry) => _registry = registry;

    public JsonObject Root()
    {
        var paths = new JsonObject();
        foreach (var gv in GroupVersions())
        {
            var doc = Document(gv.Group, gv.Version)!;
            paths[Path(gv.Group, gv.Version)] = new JsonObject
            {
                ["serverRelativeURL"] = $"/openapi/v3/{Path(gv.Group, gv.Version)}?hash={Hash(doc)}",
            };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document of <c>api/v1</c> or <c>apis/{group}/{version}</c>; null when not served.</summary>
    public JsonObject? Document(string group, string version)
    {
        var resources = _registry.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (resources.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var r in resources)
        {
            var prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            var collection = r.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{r.Plural}" : $"{prefix}/{r.Plural}";
            paths[collection] = new JsonObject
            {
                ["get"] = Operation(r, "list", []),
                ["post"] = Operation(r, "post", ["application/json", "application/yaml"]),
            };
            paths[collection + "/{name}"] = new JsonObject
            {
                ["get"] = Operation(r, "get", []),
                ["put"] = Operation(r, "put", ["application/json", "application/yaml"]),
                ["patch"] = Operation(r, "patch", PatchTypes),
                ["delete"] = Operation(r, "delete", []),
            };
            schemas[SchemaName(r)] = Schema(r);
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.4" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject Operation(ResourceType r, string action, string[] bodyTypes)
    {
        var op = new JsonObject
        {
            ["operationId"] = $"{action}{r.Kind}",
            ["parameters"] = new JsonArray(
                Parameter("fieldValidation", "fieldValidation instructs the server on how to handle unknown fields"),
                Parameter("fieldManager", "a name associated with the actor or entity that is making these changes"),
                Parameter("dryRun", "when present, indicates that modifications should not be persisted")),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject
                    {
                        ["application/json"] = new JsonObject { ["schema"] = Ref(r) },
                    },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = Gvk(r),
        };
        if (bodyTypes.Length > 0)
        {
            var content = new JsonObject();
            foreach (var t in bodyTypes)
            {
                content[t] = new JsonObject { ["schema"] = Ref(r) };
            }

            op["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true };
        }

        return op;
    }

    private static JsonObject Parameter(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static JsonObject Schema(ResourceType r)
    {
        var schema = r.Schema?.DeepClone() as JsonObject ?? new JsonObject
        {
            ["type"] = "object",
            ["x-kubernetes-preserve-unknown-fields"] = true,
        };
        var properties = schema["properties"] as JsonObject ?? [];
        properties["apiVersion"] ??= new JsonObject { ["type"] = "string" };
        properties["kind"] ??= new JsonObject { ["type"] = "string" };
        properties["metadata"] = new JsonObject
        {
            ["type"] = "object",
            ["x-kubernetes-preserve-unknown-fields"] = true,
        };
        schema["properties"] = properties;
        schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(r));
        return schema;
    }

    private static JsonObject Gvk(ResourceType r) =>
        new() { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind };

    private static JsonObject Ref(ResourceType r) => new() { ["$ref"] = $"#/components/schemas/{SchemaName(r)}" };

    // The API server names schemas by the reversed group: io.k8s.api.core.v1.Pod, io.openshift.sriovnetwork.v1.X.
    private static string SchemaName(ResourceType r)
    {
        var group = r.Group.Length == 0 ? "core" : r.Group;
        var reversed = r.IsCustom ? string.Join('.', group.Split('.').Reverse()) : $"io.k8s.api.{group.Split('.')[0]}";
        return $"{reversed}.{r.Version}.{r.Kind}";
    }

    private static string Path(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    private static string Hash(JsonObject doc) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(doc.ToJsonString())))[..32];

    private IEnumerable<(string Group, string Version)> GroupVersions() =>
        _registry.All.Select(r => (r.Group, r.Version)).Distinct();
}
