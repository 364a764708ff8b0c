namespace Sriov.Api.Manifests;

/// <summary>One Kubernetes object read from a manifest, decoded into its C# type when the kind is known.</summary>
/// <param name="Document">The document it came from.</param>
/// <param name="Item">1-based position inside a <c>List</c> document, or null when the document is the object.</param>
/// <param name="ApiVersion">The object's <c>apiVersion</c>.</param>
/// <param name="Kind">The object's <c>kind</c>.</param>
/// <param name="Namespace">Its <c>metadata.namespace</c>, or null when absent.</param>
/// <param name="Name">Its <c>metadata.name</c>, or empty when absent.</param>
/// <param name="Value">The decoded object (e.g. a <c>SriovNetwork</c> or a <c>V1Node</c>), or null for an unknown kind.</param>
/// <param name="UnknownFields">JSON paths present in the input that the type does not have (the API server would prune them).</param>
public sealed record ManifestObject(
    ManifestDocument Document,
    int? Item,
    string ApiVersion,
    string Kind,
    string? Namespace,
    string Name,
    object? Value,
    IReadOnlyList<string> UnknownFields)
{
    public bool IsKnown => Value is not null;

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
