using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Patch;

namespace Sriov.Sim.ApiServer;

/// <summary>
/// Creates or replaces the objects of YAML/JSON manifests (a file or every <c>*.yaml</c>, <c>*.yml</c>, <c>*.json</c>
/// of a directory, in name order), the way <c>kubectl apply</c> would end up, without going through HTTP. Used for
/// <c>--crds</c> and by fixtures that preload objects.
/// </summary>
internal sealed class ManifestApplier
{
    private readonly ApiOperations _ops;

    public ManifestApplier(ApiOperations ops) => _ops = ops;

    public IReadOnlyList<string> ApplyPath(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal)
                || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path]
            : throw new FileNotFoundException($"no manifest file or directory at {path}", path);
        var applied = new List<string>();
        foreach (var file in files)
        {
            foreach (var doc in YamlJson.ParseAll(File.ReadAllText(file)))
            {
                try
                {
                    applied.AddRange(Apply(doc));
                }
                catch (ApiException e)
                {
                    throw new InvalidOperationException($"{file}: {e.Message}", e);
                }
            }
        }

        return applied;
    }

    public IReadOnlyList<string> Apply(JsonNode doc)
    {
        if (doc is not JsonObject obj)
        {
            throw ApiErrors.BadRequest("a manifest document must be an object");
        }

        var kind = ObjectMeta.StrOf(obj, "kind");
        if (kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
        {
            return [.. items.OfType<JsonObject>().SelectMany(i => Apply(i.DeepClone()))];
        }

        var apiVersion = ObjectMeta.StrOf(obj, "apiVersion");
        var rt = _ops.Context.Registry.FindByKind(apiVersion, kind)
                 ?? throw ApiErrors.BadRequest($"no resource of kind \"{kind}\" in \"{apiVersion}\" is served " +
                                               "(apply its CustomResourceDefinition first)");
        var ns = rt.Namespaced ? ObjectMeta.Namespace(obj) is { Length: > 0 } n ? n : "default" : "";
        var name = ObjectMeta.Name(obj);
        var options = new WriteOptions(false, "sriov-sim-apply", FieldValidation.Strict, null);
        lock (_ops.Context.Store.Gate)
        {
            if (name.Length > 0 && _ops.Context.Store.Get(rt.StorageKey, ns, name) is not null)
            {
                _ops.Update.Update(rt, ns, name, obj, null, options, []);
            }
            else
            {
                name = ObjectMeta.Name(_ops.Create.Create(rt, ns, obj, options, []).Object);
            }
        }

        return [$"{rt.QualifiedPlural}/{name}"];
    }
}
