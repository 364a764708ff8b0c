using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Resources;
using Sriov.Sim.ApiServer.Schema;

namespace Sriov.Sim.ApiServer.Behaviors;

/// <summary>
/// Custom resources: in the API server's order, unknown fields are pruned, schema defaults applied, then the result
/// is validated against the version's <c>openAPIV3Schema</c>.
/// </summary>
internal sealed class CustomResourceBehavior : KindBehavior
{
    public override IReadOnlyList<string> Admit(JsonObject obj, ResourceType rt)
    {
        if (rt.Schema is not { } schema)
        {
            return [];
        }

        var pruned = SchemaPruner.Prune(obj, schema);
        SchemaDefaulter.Apply(obj, schema);
        return pruned;
    }

    public override IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject? old, ResourceType rt) =>
        rt.Schema is { } schema ? SchemaValidator.Validate(obj, schema) : [];
}
