using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>
/// The admission checks on new objects that depend on other objects: the namespace must exist and not be terminating
/// (the NamespaceLifecycle admission plugin), and a custom resource's CRD must not be terminating.
/// </summary>
internal static class NamespaceGate
{
    public const string NamespacesKey = "/namespaces";
    public const string CrdsKey = "apiextensions.k8s.io/customresourcedefinitions";

    public static void CheckCreate(ApiContext ctx, ResourceType rt, string ns, string name)
    {
        if (rt.Namespaced)
        {
            var namespaceObject = ctx.Store.Get(NamespacesKey, "", ns)
                ?? throw ApiErrors.NotFound($"namespaces \"{ns}\" not found");
            if (ObjectMeta.IsDeleting(namespaceObject))
            {
                throw ApiErrors.Forbidden($"{rt.QualifiedPlural} \"{name}\" is forbidden: unable to create new " +
                                          $"content in namespace {ns} because it is being terminated");
            }
        }

        if (rt.CrdName is { } crdName && ctx.Store.Get(CrdsKey, "", crdName) is { } crd && ObjectMeta.IsDeleting(crd))
        {
            throw ApiErrors.MethodNotAllowed("create not allowed while custom resource definition is terminating");
        }
    }
}
