using System.Collections.Immutable;

namespace Sriov.Sim.ApiServer.Resources;

/// <summary>
/// The set of served resources: the built-in kinds plus one entry per served version of every established CRD.
/// Readers (discovery, routing) see an immutable snapshot; CRD changes swap it.
/// </summary>
internal sealed class ResourceRegistry
{
    private readonly object _gate = new();
    private ImmutableList<ResourceType> _all;

    public ResourceRegistry(IEnumerable<ResourceType> builtins)
    {
        _all = [.. builtins];
    }

    public IReadOnlyList<ResourceType> All => _all;

    public ResourceType? Find(string group, string version, string plural) =>
        _all.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    /// <summary>Finds a resource by an object's <c>apiVersion</c> and <c>kind</c> (owner references, events).</summary>
    public ResourceType? FindByKind(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return _all.FirstOrDefault(r => r.Group == group && r.Version == version && r.Kind == kind);
    }

    /// <summary>The entry whose version is the storage version for a storage key.</summary>
    public ResourceType? FindStorage(string storageKey) =>
        _all.FirstOrDefault(r => r.StorageKey == storageKey && (r.StorageVersion is null || r.StorageVersion == r.Version));

    /// <summary>Replaces the versions served for one CRD (an empty list removes them).</summary>
    public void SetCustom(string crdName, IReadOnlyList<ResourceType> versions)
    {
        lock (_gate)
        {
            _all = _all.RemoveAll(r => r.CrdName == crdName).AddRange(versions);
        }
    }

    /// <summary>Group/versions in discovery order: the core group first, then groups by name.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        var all = _all;
        return [.. all.Where(r => r.Group.Length > 0)
            .GroupBy(r => r.Group)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(r => r.Version).Distinct()
                .OrderByDescending(VersionPriority.Of)]))];
    }
}
