namespace Sriov.Api.Manifests;

/// <summary>One Kubernetes object read from a manifest, decoded into its C# type when the kind is known.</summary>
/// <param name="Document">The document it came from.</param>
/// <param name="Item">1-based position inside a <c>List</c> document, or null when the document is the object.</param>
/// <param name="ApiVersion">The object's <c>apiVersion</c>.</param>
/// <param name="Kind">The object's <c>kind</c>.</param>
/// <param name="Namespace">Its <c>metadata.namespace</c>, or null when absent.</param>
/// <param name="Name">Its <c>metadata.name</c>, or empty when absent.</param>
/// <param name="Value">
/// The decoded object (e.g. a <c>SriovNetwork</c> or a <c>V1Node</c>) with the CRD defaults applied; null for an
/// unknown kind or when <paramref name="SchemaErrors"/> is not empty.
/// </param>
/// <param name="SchemaErrors">Violations of the kind's CRD schema; the API server would reject the object.</param>
/// <param name="PrunedFields">Fields the CRD schema does not declare; the API server would drop them.</param>
public sealed record ManifestObject(
    ManifestDocument Document,
    int? Item,
    string ApiVersion,
    string Kind,
    string? Namespace,
    string Name,
    object? Value,
    IReadOnlyList<string> SchemaErrors,
    IReadOnlyList<string> PrunedFields)
{
    /// <summary>True when the kind is one this project decodes (whether or not the object is valid).</summary>
    public bool IsKnown => ManifestDecoder.IsKnownKind(ApiVersion, Kind);

    /// <summary>"<c>f.yaml, document 2 (SriovNetwork ns/name)</c>", for messages.</summary>
    public string Where
    {
        get
        {
            var item = Item is { } i ? $", item {i}" : "";
            var ns = string.IsNullOrEmpty(Namespace) ? "" : Namespace + "/";
            return $"{Document.Where}{item} ({Kind} {ns}{Name})";
        }
    }
}
