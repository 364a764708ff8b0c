using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>
/// PUT to an object or its <c>status</c>/<c>finalize</c> subresource. A body with a <c>resourceVersion</c> must
/// match the stored one (409 otherwise); without one the update is unconditional, as the API server allows for
/// these kinds. There is no create-on-update.
/// </summary>
internal sealed class UpdateOperation
{
    private readonly ApiContext _ctx;
    private readonly ObjectWriter _writer;

    public UpdateOperation(ApiContext ctx, ObjectWriter writer)
    {
        _ctx = ctx;
        _writer = writer;
    }

    public WriteResult Update(ResourceType rt, string ns, string name, JsonObject body, string? subresource,
        WriteOptions options, List<string> warnings)
    {
        lock (_ctx.Store.Gate)
        {
            TypeMeta.CheckAndFill(body, rt);
            CheckIdentity(rt, ns, name, body);
            var current = _ctx.Store.Get(rt.StorageKey, ns, name) ?? throw ApiErrors.NotFound(rt, name);
            CheckResourceVersion(rt, current, body);
            var next = ObjectWriter.Compose(current, body, subresource, rt);
            return _writer.CommitUpdate(rt, current, next, options, warnings, "Update", subresource, body);
        }
    }

    public static void CheckIdentity(ResourceType rt, string ns, string name, JsonObject body)
    {
        var bodyName = ObjectMeta.Name(body);
        if (bodyName.Length > 0 && bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var bodyNs = ObjectMeta.Namespace(body);
        if (rt.Namespaced && bodyNs.Length > 0 && bodyNs != ns)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        ObjectMeta.Of(body)["name"] = name;
        if (rt.Namespaced)
        {
            ObjectMeta.Of(body)["namespace"] = ns;
        }
    }

    public static void CheckResourceVersion(ResourceType rt, JsonObject current, JsonObject body)
    {
        var wanted = ObjectMeta.ResourceVersion(body);
        if (wanted.Length > 0 && wanted != ObjectMeta.ResourceVersion(current))
        {
            throw ApiErrors.Modified(rt, ObjectMeta.Name(current));
        }
    }
}
