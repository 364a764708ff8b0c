using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Discovery;

/// <summary>
/// Legacy discovery (<c>/api</c>, <c>/apis</c>, <c>/apis/{group}</c>, <c>/api/v1</c>, <c>/apis/{group}/{version}</c>)
/// and <c>/version</c>, built from the served resources. kubectl asks for aggregated discovery first and falls back to
/// these documents when the answer is a plain <c>APIVersions</c>/<c>APIGroupList</c>.
/// </summary>
internal sealed class DiscoveryDocuments
{
    private readonly ResourceRegistry _registry;
    private readonly string _gitVersion;

    public DiscoveryDocuments(ResourceRegistry registry, string gitVersion)
    {
        _registry = registry;
        _gitVersion = gitVersion;
    }

    public JsonObject Version()
    {
        var parts = _gitVersion.TrimStart('v').Split('.');
        return new JsonObject
        {
            ["major"] = parts[0],
            ["minor"] = parts.Length > 1 ? parts[1] : "0",
            ["gitVersion"] = _gitVersion,
            ["gitCommit"] = "sriov-sim",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2025-01-01T00:00:00Z",
            ["goVersion"] = "go1.23",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
        {
            ["clientCIDR"] = "0.0.0.0/0",
            ["serverAddress"] = serverAddress,
        }),
    };

    public JsonObject Groups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. _registry.Groups().Select(g => (JsonNode)Group(g.Group, g.Versions))]),
    };

    public JsonObject? Group(string group)
    {
        var entry = _registry.Groups().FirstOrDefault(g => g.Group == group);
        return entry.Group is null ? null : Group(entry.Group, entry.Versions);
    }

    /// <summary>The <c>APIResourceList</c> of a group/version, or null when nothing is served there.</summary>
    public JsonObject? Resources(string group, string version)
    {
        var resources = _registry.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (resources.Count == 0)
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var r in resources.OrderBy(r => r.Plural, StringComparer.Ordinal))
        {
            var entry = new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = Strings(r.Verbs),
            };
            if (r.ShortNames.Count > 0)
            {
                entry["shortNames"] = Strings(r.ShortNames);
            }

            if (r.Categories.Count > 0)
            {
                entry["categories"] = Strings(r.Categories);
            }

            list.Add(entry);
            if (r.HasStatus)
            {
                list.Add(Subresource(r, "status", r.Kind, ["get", "patch", "update"]));
            }

            if (r.Plural == "namespaces" && r.Group.Length == 0)
            {
                list.Add(Subresource(r, "finalize", r.Kind, ["update"]));
            }

            if (r.ExtraSubresources.Contains("eviction"))
            {
                var eviction = Subresource(r, "eviction", "Eviction", ["create"]);
                eviction["group"] = "policy";
                eviction["version"] = "v1";
                list.Add(eviction);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        };
    }

    private static JsonObject Subresource(ResourceType r, string name, string kind, IReadOnlyList<string> verbs) => new()
    {
        ["name"] = $"{r.Plural}/{name}",
        ["singularName"] = "",
        ["namespaced"] = r.Namespaced,
        ["kind"] = kind,
        ["verbs"] = Strings(verbs),
    };

    private static JsonObject Group(string group, IReadOnlyList<string> versions)
    {
        JsonObject Version(string v) => new() { ["groupVersion"] = $"{group}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)Version(v))]),
            ["preferredVersion"] = Version(versions[0]),
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) =>
        new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
