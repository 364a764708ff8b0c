namespace Sriov.Api.Schema;

/// <summary>What applying a CRD schema to an object did.</summary>
/// <param name="Errors">Violations, each "<c>field.path: what is wrong</c>"; the API server would reject the object.</param>
/// <param name="Pruned">Fields the schema does not declare, removed as the API server prunes them.</param>
public sealed record SchemaResult(IReadOnlyList<string> Errors, IReadOnlyList<string> Pruned)
{
    public bool IsValid => Errors.Count == 0;
}
