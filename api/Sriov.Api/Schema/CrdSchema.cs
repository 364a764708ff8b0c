using System.Text.Json.Nodes;

namespace Sriov.Api.Schema;

/// <summary>The openAPIV3Schema of one version of one CRD.</summary>
public sealed class CrdSchema
{
    internal CrdSchema(string group, string version, string kind, string plural, JsonObject openApiV3Schema)
    {
        Group = group;
        Version = version;
        Kind = kind;
        Plural = plural;
        OpenApiV3Schema = openApiV3Schema;
    }

    public string Group { get; }

    public string Version { get; }

    public string Kind { get; }

    public string Plural { get; }

    public string ApiVersion => $"{Group}/{Version}";

    /// <summary>The schema itself (read-only by convention).</summary>
    public JsonObject OpenApiV3Schema { get; }

    /// <summary>
    /// Does to <paramref name="obj"/> what the API server does when it stores a custom resource: drops nulls and
    /// undeclared fields (pruning), fills in defaults, then validates types, enums, ranges, lengths, patterns and
    /// required fields. <c>metadata</c> is left to the API server's own object-meta rules.
    /// </summary>
    public SchemaResult Apply(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var walker = new SchemaWalker();
        walker.Walk(obj, OpenApiV3Schema, "", isRoot: true);
        return new SchemaResult(walker.Errors, walker.Pruned);
    }
}
