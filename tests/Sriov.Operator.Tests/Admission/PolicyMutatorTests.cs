using Sriov.Operator.Admission;
using static Sriov.Operator.Tests.Fixtures.Make;

namespace Sriov.Operator.Tests.Admission;

/// <summary>operator.md §5.1.</summary>
public sealed class PolicyMutatorTests
{
    [Theory]
    [InlineData(null, null, null, "netdevice", "add /spec/priority 99; add /spec/isRdma false", 99, false)]
    [InlineData(5, false, null, "netdevice", "", 5, false)]
    [InlineData(5, null, "IB", "netdevice", "add /spec/isRdma false; add /spec/isRdma true", 5, true)]
    [InlineData(5, false, "ib", "netdevice", "add /spec/isRdma true", 5, true)]
    [InlineData(5, null, "IB", "vfio-pci", "add /spec/isRdma false", 5, false)]
    [InlineData(5, true, "eth", "netdevice", "", 5, true)]
    public void Patches_priority_and_isRdma(int? priority, bool? isRdma, string? linkType, string deviceType, string patch, int finalPriority, bool finalRdma)
    {
        var policy = Policy("p", "r", 1, priority: priority, edit: s => { s.IsRdma = isRdma; s.LinkType = linkType; s.DeviceType = deviceType; });

        var ops = PolicyMutator.Patch(policy);
        var mutated = PolicyMutator.Apply(policy);

        Assert.Equal(patch, string.Join("; ", ops.Select(o => $"{o.Op} {o.Path} {o.Value!.ToJsonString()}")));
        Assert.Equal((finalPriority, finalRdma), (mutated.Spec.Priority, mutated.Spec.IsRdma));
        Assert.Equal(priority, policy.Spec.Priority);
    }

    [Fact]
    public void Legacy_default_policy_is_untouched() => Assert.Empty(PolicyMutator.Patch(Policy("default", "r", 1)));
}
