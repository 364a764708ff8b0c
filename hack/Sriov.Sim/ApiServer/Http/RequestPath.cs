namespace Sriov.Sim.ApiServer.Http;

/// <summary>
/// A request path split the way the API server routes it: discovery and OpenAPI documents, or a resource path
/// <c>/api/v1[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]</c> (and the same under <c>/apis/{group}/{version}</c>).
/// </summary>
internal sealed record RequestPath(
    PathKind Kind, string Group = "", string Version = "", string? Namespace = null, string Plural = "",
    string? Name = null, string? Subresource = null)
{
    public static RequestPath Parse(string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Uri.UnescapeDataString).ToArray();
        switch (segments)
        {
            case ["version"]:
                return new RequestPath(PathKind.Version);
            case ["healthz" or "readyz" or "livez", ..]:
                return new RequestPath(PathKind.Health);
            case ["openapi", "v2"]:
                return new RequestPath(PathKind.OpenApiV2);
            case ["openapi", "v3"]:
                return new RequestPath(PathKind.OpenApiV3Root);
            case ["openapi", "v3", "api", var v]:
                return new RequestPath(PathKind.OpenApiV3Document, "", v);
            case ["openapi", "v3", "apis", var g, var v]:
                return new RequestPath(PathKind.OpenApiV3Document, g, v);
            case ["api"]:
                return new RequestPath(PathKind.CoreVersions);
            case ["apis"]:
                return new RequestPath(PathKind.Groups);
            case ["apis", var g]:
                return new RequestPath(PathKind.Group, g);
            case ["api", var v]:
                return new RequestPath(PathKind.GroupVersion, "", v);
            case ["apis", var g, var v]:
                return new RequestPath(PathKind.GroupVersion, g, v);
            case ["api", var v, .. var rest]:
                return Resource("", v, rest);
            case ["apis", var g, var v, .. var rest]:
                return Resource(g, v, rest);
            default:
                return new RequestPath(PathKind.Unknown);
        }
    }

    // "namespaces/{ns}/{plural}/..." is a namespaced resource, except that namespaces have their own subresources.
    private static RequestPath Resource(string group, string version, string[] rest) => rest switch
    {
        ["namespaces", var ns, var plural, .. var tail] when plural is not ("status" or "finalize") =>
            Item(group, version, ns, plural, tail),
        [var plural, .. var tail] => Item(group, version, null, plural, tail),
        _ => new RequestPath(PathKind.Unknown),
    };

    private static RequestPath Item(string group, string version, string? ns, string plural, string[] tail) => tail switch
    {
        [] => new RequestPath(PathKind.Resource, group, version, ns, plural),
        [var name] => new RequestPath(PathKind.Resource, group, version, ns, plural, name),
        [var name, var sub] => new RequestPath(PathKind.Resource, group, version, ns, plural, name, sub),
        _ => new RequestPath(PathKind.Unknown),
    };
}
