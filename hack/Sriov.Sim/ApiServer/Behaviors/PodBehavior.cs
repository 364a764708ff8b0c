using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Behaviors;

/// <summary>
/// Pods: a new pod starts Pending with the API server's common spec defaults; <c>spec.containers</c> is required; once
/// created, the spec may change only in container images, <c>activeDeadlineSeconds</c> and <c>tolerations</c>.
/// Nothing runs them: tests (or the kubelet emulator's users) write the status a kubelet would write.
/// </summary>
internal sealed class PodBehavior : KindBehavior
{
    public override void PrepareForCreate(JsonObject obj, ResourceType rt, ApiContext ctx)
    {
        obj["status"] = new JsonObject { ["phase"] = "Pending" };
        if (obj["spec"] is JsonObject spec)
        {
            spec["restartPolicy"] ??= "Always";
            spec["dnsPolicy"] ??= "ClusterFirst";
            spec["schedulerName"] ??= "default-scheduler";
            spec["terminationGracePeriodSeconds"] ??= 30;
        }
    }

    public override IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject? old, ResourceType rt)
    {
        var errors = new List<FieldError>();
        if (obj["spec"]?["containers"] is not JsonArray { Count: > 0 } containers)
        {
            errors.Add(FieldError.Required("spec.containers"));
            return errors;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            if (containers[i] is not JsonObject c || ObjectMeta.StrOf(c, "name").Length == 0)
            {
                errors.Add(FieldError.Required($"spec.containers[{i}].name"));
            }
            else if (ObjectMeta.StrOf(c, "image").Length == 0)
            {
                errors.Add(FieldError.Required($"spec.containers[{i}].image"));
            }
        }

        if (old is not null && !JsonNode.DeepEquals(MutableOnly(old["spec"], obj["spec"]), obj["spec"]))
        {
            errors.Add(FieldError.Forbidden("spec", "pod updates may not change fields other than " +
                "`spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds` or " +
                "`spec.tolerations` (only additions to existing tolerations)"));
        }

        return errors;
    }

    // The old spec with the fields a pod update may change taken from the new one: equal to the new spec exactly when
    // nothing else changed.
    private static JsonNode? MutableOnly(JsonNode? oldSpec, JsonNode? newSpec)
    {
        if (oldSpec is not JsonObject o || newSpec is not JsonObject n)
        {
            return oldSpec;
        }

        var result = (JsonObject)o.DeepClone();
        foreach (var field in new[] { "activeDeadlineSeconds", "tolerations" })
        {
            result.Remove(field);
            if (n[field] is { } value)
            {
                result[field] = value.DeepClone();
            }
        }

        foreach (var list in new[] { "containers", "initContainers" })
        {
            if (result[list] is JsonArray oldList && n[list] is JsonArray newList && oldList.Count == newList.Count)
            {
                for (var i = 0; i < oldList.Count; i++)
                {
                    if (oldList[i] is JsonObject c && newList[i] is JsonObject nc)
                    {
                        c["image"] = nc["image"]?.DeepClone();
                    }
                }
            }
        }

        return result;
    }
}
