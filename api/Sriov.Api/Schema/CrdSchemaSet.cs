using System.Text.Json.Nodes;
using Sriov.Api.Manifests;

namespace Sriov.Api.Schema;

/// <summary>A set of CRD schemas looked up by apiVersion and kind.</summary>
public sealed class CrdSchemaSet
{
    private static readonly Lazy<CrdSchemaSet> EmbeddedSet = new(LoadEmbedded);
    private readonly Dictionary<(string ApiVersion, string Kind), CrdSchema> _schemas;

    private CrdSchemaSet(Dictionary<(string, string), CrdSchema> schemas) => _schemas = schemas;

    /// <summary>The CRDs of <c>deploy/crds</c>, embedded in this assembly.</summary>
    public static CrdSchemaSet Embedded => EmbeddedSet.Value;

    public IEnumerable<CrdSchema> Schemas => _schemas.Values;

    public bool TryGet(string apiVersion, string kind, out CrdSchema schema) =>
        _schemas.TryGetValue((apiVersion, kind), out schema!);

    /// <summary>Builds a set from CustomResourceDefinition objects (as JSON).</summary>
    /// <exception cref="ManifestException">An object is not a CustomResourceDefinition with a schema per version.</exception>
    public static CrdSchemaSet FromCrds(IEnumerable<ManifestDocument> crds)
    {
        ArgumentNullException.ThrowIfNull(crds);
        var schemas = new Dictionary<(string, string), CrdSchema>();
        foreach (var doc in crds)
        {
            var spec = doc.Json["spec"] as JsonObject
                ?? throw new ManifestException($"{doc.Where}: not a CustomResourceDefinition (no spec)");
            var group = (string?)spec["group"] ?? throw new ManifestException($"{doc.Where}: spec.group is missing");
            var kind = (string?)spec["names"]?["kind"] ?? throw new ManifestException($"{doc.Where}: spec.names.kind is missing");
            var plural = (string?)spec["names"]?["plural"] ?? throw new ManifestException($"{doc.Where}: spec.names.plural is missing");
            foreach (var version in spec["versions"] as JsonArray ?? [])
            {
                var name = (string?)version?["name"] ?? throw new ManifestException($"{doc.Where}: a version has no name");
                var schema = version?["schema"]?["openAPIV3Schema"] as JsonObject
                    ?? throw new ManifestException($"{doc.Where}: version {name} has no schema.openAPIV3Schema");
                schemas[($"{group}/{name}", kind)] = new CrdSchema(group, name, kind, plural, schema);
            }
        }

        return new CrdSchemaSet(schemas);
    }

    private static CrdSchemaSet LoadEmbedded()
    {
        var assembly = typeof(CrdSchemaSet).Assembly;
        var docs = new List<ManifestDocument>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("crds/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            docs.AddRange(ManifestReader.Read(reader.ReadToEnd(), name));
        }

        return FromCrds(docs);
    }
}
