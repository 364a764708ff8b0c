using System.Text.Json;
using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Discovery;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.OpenApi;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Patch;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Http;

/// <summary>
/// Routes a request to discovery, OpenAPI or a resource operation and turns the outcome (or the refusal) into the
/// API server's response: 201 on create, <c>Status</c> objects for errors and some deletes, <c>Warning</c> headers.
/// </summary>
internal sealed class ApiDispatcher
{
    private readonly ApiOperations _ops;
    private readonly DiscoveryDocuments _discovery;
    private readonly OpenApiDocuments _openApi;
    private readonly Func<string> _serverAddress;

    public ApiDispatcher(ApiOperations ops, DiscoveryDocuments discovery, OpenApiDocuments openApi,
        Func<string> serverAddress)
    {
        _ops = ops;
        _discovery = discovery;
        _openApi = openApi;
        _serverAddress = serverAddress;
    }

    private ResourceRegistry Registry => _ops.Context.Registry;

    public ApiResponse Dispatch(ApiRequest request)
    {
        var warnings = new List<string>();
        try
        {
            return Route(request, RequestPath.Parse(request.Path), warnings);
        }
        catch (ApiException e)
        {
            return new JsonResponse(e.Code, e.ToStatus(), warnings);
        }
        catch (JsonException e)
        {
            return new JsonResponse(400, ApiErrors.BadRequest($"the request body is not valid JSON: {e.Message}").ToStatus(), warnings);
        }
    }

    private ApiResponse Route(ApiRequest request, RequestPath path, List<string> warnings)
    {
        if (path.Kind != PathKind.Resource && request.Method != "GET")
        {
            throw ApiErrors.MethodNotAllowed($"{request.Method} is not allowed on {request.Path}");
        }

        return path.Kind switch
        {
            PathKind.Version => Ok(_discovery.Version()),
            PathKind.Health => new TextResponse(200, "ok"),
            PathKind.OpenApiV3Root => Ok(_openApi.Root()),
            PathKind.OpenApiV3Document => Ok(_openApi.Document(path.Group, path.Version) ?? throw NotServed()),
            PathKind.CoreVersions => Ok(DiscoveryDocuments.CoreVersions(_serverAddress())),
            PathKind.Groups => Ok(_discovery.Groups()),
            PathKind.Group => Ok(_discovery.Group(path.Group) ?? throw NotServed()),
            PathKind.GroupVersion => Ok(_discovery.Resources(path.Group, path.Version) ?? throw NotServed()),
            PathKind.Resource => Resource(request, path, warnings),
            _ => throw NotServed(),
        };
    }

    private ApiResponse Resource(ApiRequest request, RequestPath path, List<string> warnings)
    {
        var rt = Registry.Find(path.Group, path.Version, path.Plural);
        if (rt is null || (path.Namespace is not null && !rt.Namespaced))
        {
            throw NotServed();
        }

        var ns = rt.Namespaced ? path.Namespace : "";
        if (path.Name is null)
        {
            return Collection(request, rt, ns, warnings);
        }

        if (rt.Namespaced && ns is null)
        {
            throw NotServed();
        }

        return path.Subresource switch
        {
            null => Item(request, rt, ns!, path.Name, null, warnings),
            "status" when rt.HasStatus => Item(request, rt, ns!, path.Name, "status", warnings),
            "finalize" when rt.StorageKey == NamespaceGate.NamespacesKey && request.Method == "PUT" =>
                Item(request, rt, ns!, path.Name, "finalize", warnings),
            "eviction" when rt.ExtraSubresources.Contains("eviction") && request.Method == "POST" =>
                new JsonResponse(201, _ops.Evict.Evict(rt, ns!, path.Name, ReadObject(request)), warnings),
            _ => throw NotServed(),
        };
    }

    private ApiResponse Collection(ApiRequest request, ResourceType rt, string? ns, List<string> warnings)
    {
        switch (request.Method)
        {
            case "GET" when RequestOptions.IsWatch(request.Query):
                return new WatchResponse(_ops.Watch.Start(rt, ns, RequestOptions.List(request.Query)));
            case "GET":
                return Ok(_ops.List.List(rt, ns, RequestOptions.List(request.Query)));
            case "POST":
                var created = _ops.Create.Create(rt, ns ?? throw NotServed(), ReadObject(request),
                    RequestOptions.Write(request.Query, request.UserAgent), warnings);
                return new JsonResponse(201, TypeMeta.ToVersion(created.Object, rt), warnings);
            case "DELETE":
                return Ok(DeleteCollection(request, rt, ns), warnings);
            default:
                throw ApiErrors.MethodNotAllowed($"{request.Method} is not allowed on a collection");
        }
    }

    private JsonResponse Item(ApiRequest request, ResourceType rt, string ns, string name, string? sub,
        List<string> warnings)
    {
        var options = RequestOptions.Write(request.Query, request.UserAgent);
        switch (request.Method)
        {
            case "GET":
                var stored = _ops.Context.Store.Get(rt.StorageKey, ns, name) ?? throw ApiErrors.NotFound(rt, name);
                return Ok(TypeMeta.ToVersion(stored, rt));
            case "PUT":
                var updated = _ops.Update.Update(rt, ns, name, ReadObject(request), sub, options, warnings);
                return Written(updated, rt, warnings);
            case "PATCH":
                var patched = _ops.Patch.Patch(rt, ns, name, PatchTypeOf(request.ContentType), request.Body, sub,
                    options, warnings);
                return Written(patched, rt, warnings);
            case "DELETE" when sub is null:
                var body = request.Body.Trim().Length == 0 ? null : ReadObject(request);
                var deleted = _ops.Delete.Delete(rt, ns, name, RequestOptions.ParseDeleteOptions(body, request.Query));
                return deleted.Outcome == WriteOutcome.Deleted && !rt.ReturnsDeletedObject
                    ? Ok(StatusObjects.Success(name, rt.Group, rt.Plural,
                        ObjectMeta.Uid(deleted.Object)), warnings)
                    : Ok(TypeMeta.ToVersion(deleted.Object, rt), warnings);
            default:
                throw ApiErrors.MethodNotAllowed($"{request.Method} is not allowed on {request.Path}");
        }
    }

    private JsonObject DeleteCollection(ApiRequest request, ResourceType rt, string? ns)
    {
        var list = _ops.List.List(rt, ns, RequestOptions.List(request.Query) with { Limit = null, Continue = null });
        var options = RequestOptions.ParseDeleteOptions(
            request.Body.Trim().Length == 0 ? null : ReadObject(request), request.Query);
        var items = new JsonArray();
        foreach (var item in ((JsonArray)list["items"]!).OfType<JsonObject>())
        {
            try
            {
                var result = _ops.Delete.Delete(rt, ObjectMeta.Namespace(item), ObjectMeta.Name(item), options);
                items.Add(TypeMeta.ToVersion(result.Object, rt));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted meanwhile: nothing to do, as the API server skips it.
            }
        }

        list["items"] = items;
        return list;
    }

    private static JsonResponse Written(WriteResult result, ResourceType rt, List<string> warnings) =>
        new(result.Outcome == WriteOutcome.Created ? 201 : 200, TypeMeta.ToVersion(result.Object, rt), warnings);

    private static JsonResponse Ok(JsonNode body, List<string>? warnings = null) => new(200, body, warnings ?? []);

    private static JsonObject ReadObject(ApiRequest request)
    {
        var type = MediaType(request.ContentType);
        JsonNode? node = type switch
        {
            "" or "application/json" or "*/*" => JsonNode.Parse(request.Body),
            "application/yaml" or "application/apply-patch+yaml" => YamlJson.Parse(request.Body),
            _ => throw ApiErrors.UnsupportedMediaType(request.ContentType ?? ""),
        };
        return node as JsonObject ?? throw ApiErrors.BadRequest("the request body must be a JSON object");
    }

    private static PatchType PatchTypeOf(string? contentType) => MediaType(contentType) switch
    {
        "application/merge-patch+json" => PatchType.Merge,
        "application/json-patch+json" => PatchType.Json,
        "application/strategic-merge-patch+json" => PatchType.Strategic,
        "application/apply-patch+yaml" => PatchType.Apply,
        _ => throw new ApiException(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: " +
            "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, " +
            $"application/strategic-merge-patch+json (got \"{contentType}\")"),
    };

    private static string MediaType(string? contentType) =>
        (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();

    private static ApiException NotServed() =>
        ApiErrors.NotFound("the server could not find the requested resource");
}
