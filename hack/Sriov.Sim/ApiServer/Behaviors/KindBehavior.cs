using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Behaviors;

/// <summary>
/// What one kind does beyond generic storage, like the API server's per-resource strategies: defaults on create,
/// rules on update, validation, and deletion gates. The base class is the behaviour of a plain stored kind.
/// </summary>
internal class KindBehavior
{
    public static KindBehavior Plain { get; } = new();

    /// <summary>Sets server-owned fields of a new object (after the status was cleared if the kind clears it).</summary>
    public virtual void PrepareForCreate(JsonObject obj, ResourceType rt, ApiContext ctx)
    {
    }

    /// <summary>Adjusts an updated object given the stored one.</summary>
    public virtual void PrepareForUpdate(JsonObject obj, JsonObject old, string? subresource, ResourceType rt, ApiContext ctx)
    {
    }

    /// <summary>Prunes and defaults per schema (custom resources); returns the paths of dropped unknown fields.</summary>
    public virtual IReadOnlyList<string> Admit(JsonObject obj, ResourceType rt) => [];

    /// <summary>Kind-specific validation errors.</summary>
    public virtual IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject? old, ResourceType rt) => [];

    /// <summary>Called when a delete is requested, before finalizers are checked.</summary>
    public virtual void OnDeleteRequested(JsonObject obj)
    {
    }

    /// <summary>Whether the object must stay although its <c>metadata.finalizers</c> are empty (namespaces keep
    /// themselves until <c>spec.finalizers</c> is empty).</summary>
    public virtual bool BlocksRemoval(JsonObject obj) => false;
}
