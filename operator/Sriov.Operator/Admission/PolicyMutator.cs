using System.Text.Json;
using Sriov.Api.Common;
using Sriov.Api.Json;
using Sriov.Api.Policies;
using Sriov.Operator.Selection;

namespace Sriov.Operator.Admission;

/// <summary>
/// The mutating webhook for SriovNetworkNodePolicy (operator.md §5.1): absent priority → 99, absent isRdma → false,
/// and linkType IB without vfio-pci → isRdma true (that rule overrides an explicit false, as upstream's patch order does).
/// </summary>
public static class PolicyMutator
{
    public const string VfioPci = "vfio-pci";

    /// <summary>The JSON Patch the webhook returns; empty for the legacy policy named <c>default</c>.</summary>
    public static IReadOnlyList<JsonPatchOperation> Patch(SriovNetworkNodePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Metadata.Name == SriovObjectNames.Default)
        {
            return [];
        }

        var spec = policy.Spec;
        var ops = new List<JsonPatchOperation>();
        if (spec.Priority is null)
        {
            ops.Add(new("add", "/spec/priority", PolicyOrder.DefaultPriority));
        }

        if (spec.IsRdma is null)
        {
            ops.Add(new("add", "/spec/isRdma", false));
        }

        if (string.Equals(spec.LinkType, "IB", StringComparison.OrdinalIgnoreCase) && spec.DeviceType != VfioPci)
        {
            // InfiniBand VFs are only usable through RDMA verbs.
            ops.Add(new("add", "/spec/isRdma", true));
        }

        return ops;
    }

    /// <summary>A copy of <paramref name="policy"/> with <see cref="Patch"/> applied; the input is not changed.</summary>
    public static SriovNetworkNodePolicy Apply(SriovNetworkNodePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var copy = JsonSerializer.Deserialize(
            JsonSerializer.SerializeToUtf8Bytes(policy, SriovJsonContext.Default.SriovNetworkNodePolicy),
            SriovJsonContext.Default.SriovNetworkNodePolicy)!;
        foreach (var op in Patch(policy))
        {
            switch (op.Path)
            {
                case "/spec/priority":
                    copy.Spec.Priority = (int)op.Value!;
                    break;
                case "/spec/isRdma":
                    copy.Spec.IsRdma = (bool)op.Value!;
                    break;
            }
        }

        return copy;
    }
}
