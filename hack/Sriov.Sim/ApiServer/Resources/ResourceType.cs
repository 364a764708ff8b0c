using System.Text.Json.Nodes;

namespace Sriov.Sim.ApiServer.Resources;

/// <summary>
/// One served resource at one group/version: what discovery lists and what the handlers need to know about it.
/// Built-in kinds come from <see cref="BuiltinResources"/>, custom resources from applied CustomResourceDefinitions.
/// </summary>
internal sealed record ResourceType
{
    private static readonly IReadOnlySet<string> NoFields = new HashSet<string>();

    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    public required string Plural { get; init; }

    public string? SingularName { get; init; }

    public required bool Namespaced { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Has a <c>status</c> subresource: the main endpoint ignores status, <c>/status</c> changes only it.</summary>
    public bool HasStatus { get; init; }

    /// <summary><c>metadata.generation</c> is kept and bumped when anything outside metadata and status changes.</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>Status sent on create is dropped (custom resources with a status subresource, workloads, pods).</summary>
    public bool ClearsStatusOnCreate { get; init; }

    /// <summary>DELETE answers with the deleted object rather than a <c>Status</c> of success.</summary>
    public bool ReturnsDeletedObject { get; init; }

    /// <summary>Subresources beyond <c>status</c> (e.g. <c>eviction</c> for pods).</summary>
    public IReadOnlyList<string> ExtraSubresources { get; init; } = [];

    /// <summary>Field-selector fields beyond <c>metadata.name</c> and <c>metadata.namespace</c>.</summary>
    public IReadOnlySet<string> FieldSelectors { get; init; } = NoFields;

    /// <summary>How <c>metadata.name</c> is validated.</summary>
    public NameRule NameRule { get; init; } = NameRule.Subdomain;

    /// <summary>For custom resources: the CRD that defines them (<c>plural.group</c>).</summary>
    public string? CrdName { get; init; }

    /// <summary>For custom resources: the version's <c>openAPIV3Schema</c>; null means no validation.</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>For custom resources: the CRD's storage version (objects are stored under it).</summary>
    public string? StorageVersion { get; init; }

    public bool IsCustom => CrdName is not null;

    public string Singular => SingularName ?? Kind.ToLowerInvariant();

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The key objects are stored under: one per group and plural, whatever the version.</summary>
    public string StorageKey => $"{Group}/{Plural}";

    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public string ListKind => Kind + "List";

    public IReadOnlyList<string> Verbs { get; init; } =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
}
