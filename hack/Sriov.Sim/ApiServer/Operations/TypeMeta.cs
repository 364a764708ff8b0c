using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>
/// <c>apiVersion</c> and <c>kind</c> of request bodies and responses. A body may omit them (the endpoint implies
/// them, as the API server's decoder assumes); a body that names another type is refused. Custom resources are
/// stored under their CRD's storage version and served under the requested one (conversion strategy None).
/// </summary>
internal static class TypeMeta
{
    public static void CheckAndFill(JsonObject body, ResourceType rt)
    {
        var apiVersion = ObjectMeta.StrOf(body, "apiVersion");
        var kind = ObjectMeta.StrOf(body, "kind");
        if (apiVersion.Length > 0 && apiVersion != rt.ApiVersion)
        {
            throw ApiErrors.BadRequest(
                $"the API version in the data ({apiVersion}) does not match the expected API version ({rt.ApiVersion})");
        }

        if (kind.Length > 0 && kind != rt.Kind)
        {
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({rt.Kind})");
        }

        body["apiVersion"] = rt.ApiVersion;
        body["kind"] = rt.Kind;
    }

    /// <summary>Sets the storage version's apiVersion on an object about to be stored.</summary>
    public static JsonObject ToStorage(JsonObject obj, ResourceType rt)
    {
        if (rt.StorageVersion is { } storage)
        {
            obj["apiVersion"] = rt.Group.Length == 0 ? storage : $"{rt.Group}/{storage}";
        }

        return obj;
    }

    /// <summary>A copy of a stored object as the requested version presents it.</summary>
    public static JsonObject ToVersion(JsonObject stored, ResourceType rt)
    {
        var copy = (JsonObject)stored.DeepClone();
        copy["apiVersion"] = rt.ApiVersion;
        copy["kind"] = rt.Kind;
        return copy;
    }
}
