using System.Text.Json.Nodes;

namespace Sriov.Api.Manifests;

/// <summary>One non-empty document of a manifest source, as JSON.</summary>
/// <param name="Source">The file name (or <c>-</c> for stdin) the document came from.</param>
/// <param name="Index">1-based position of the document in its source (empty documents count).</param>
/// <param name="Json">The document's top-level object.</param>
public sealed record ManifestDocument(string Source, int Index, JsonObject Json)
{
    /// <summary>"<c>file.yaml</c>, document 2", for messages.</summary>
    public string Where => $"{Source}, document {Index}";
}
