using System.Text.Json.Nodes;
using k8s.Models;

namespace Sriov.Kube.Updates;

/// <summary>
/// JSON merge patches (RFC 7386) of <c>metadata.annotations</c> or <c>metadata.labels</c>: the given keys are set, a
/// null value removes its key, every other key is left alone, so writers of different keys never conflict. With a
/// resourceVersion the patch carries it as a precondition, and the server answers 409 if the object moved on.
/// </summary>
public static class MetadataPatch
{
    public static V1Patch Annotations(IReadOnlyDictionary<string, string?> values, string? resourceVersion = null) =>
        Build("annotations", values, resourceVersion);

    public static V1Patch Labels(IReadOnlyDictionary<string, string?> values, string? resourceVersion = null) =>
        Build("labels", values, resourceVersion);

    private static V1Patch Build(string field, IReadOnlyDictionary<string, string?> values, string? resourceVersion)
    {
        ArgumentNullException.ThrowIfNull(values);
        var map = new JsonObject();
        foreach (var (key, value) in values)
        {
            ArgumentException.ThrowIfNullOrEmpty(key, nameof(values));
            map[key] = value is null ? null : JsonValue.Create(value);
        }

        var metadata = new JsonObject { [field] = map };
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        return new V1Patch(new JsonObject { ["metadata"] = metadata }, V1Patch.PatchType.MergePatch);
    }
}
