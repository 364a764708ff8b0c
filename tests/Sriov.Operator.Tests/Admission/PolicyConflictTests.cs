using Sriov.Api.Policies;
using Sriov.Operator.Admission;
using static Sriov.Operator.Tests.Admission.AdmissionFixture;

namespace Sriov.Operator.Tests.Admission;

/// <summary>Rule 13 of operator.md §5.2: a new policy against the existing ones that share a node.</summary>
public sealed class PolicyConflictTests
{
    [Theory]
    [InlineData("ens1f0#0-3", "ens1f0#4-7", null)]
    [InlineData("ens1f0#0-3", "ens1f0#3-7", "VF index range 3-7 on PF ens1f0 overlaps range 0-3 of existing policy old")]
    [InlineData("ens1f0", "ens1f0", "VF index range 0-7 on PF ens1f0 overlaps range 0-7 of existing policy old")]
    [InlineData("ens1f0", "ens1f0#4-7", "overlaps range 0-7 of existing policy old")] // upstream misses this one
    [InlineData("enp23s0f0#0-3", "ens1f0#2-5", "VF index range 2-5 on PF ens1f0 overlaps range 0-3")] // alt-name resolved
    [InlineData("ens2f0#0-3", "ens1f0#0-3", null)]
    public void Vf_ranges_of_one_pf_must_not_overlap(string existing, string incoming, string? error)
    {
        var old = Valid("old", s => { s.ResourceName = "a"; s.NicSelector = new NicSelector { PfNames = [existing] }; });
        var result = PolicyValidator.Review(Valid("new", s => s.NicSelector!.PfNames = [incoming]), AdmissionOperation.Create, Cluster([old]));

        Assert.Equal(error is null, result.Allowed);
        if (error is not null)
        {
            Assert.Contains(error, result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Externally_managed_must_agree_on_a_pf()
    {
        var old = Valid("old", s => { s.ResourceName = "a"; s.NicSelector!.PfNames = ["ens1f0#8-15"]; s.NumVfs = 16; s.ExternallyManaged = true; });

        var result = PolicyValidator.Review(Valid("new"), AdmissionOperation.Create, Cluster([old]));

        Assert.Contains("externallyManaged differs from existing policy old on PF ens1f0", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_root_device_is_rejected()
    {
        var old = Valid("old", s => s.NicSelector = new NicSelector { RootDevices = ["0000:17:00.0"] });

        var result = PolicyValidator.Review(Valid("new", s => s.NicSelector = new NicSelector { RootDevices = ["0000:17:00.0"] }), AdmissionOperation.Create, Cluster([old]));

        Assert.Contains("root device 0000:17:00.0 is also selected by existing policy old", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("excludeTopology", "excludeTopology differs from existing policy old of the same resource r")]
    [InlineData("isRdma", "isRdma, needVhostNet or vdpaType differs from existing policy old of the same resource r")]
    [InlineData("needVhostNet", "isRdma, needVhostNet or vdpaType differs")]
    [InlineData("none", null)]
    public void Policies_of_one_resource_must_agree_on_its_device_plugin_flags(string flag, string? error)
    {
        var old = Valid("old", s =>
        {
            s.NicSelector!.PfNames = ["ens2f0"];
            s.NicSelector.DeviceId = "1572";
            s.ExcludeTopology = flag == "excludeTopology";
            s.IsRdma = flag == "isRdma";
            s.NeedVhostNet = flag == "needVhostNet";
        });

        var result = PolicyValidator.Review(Valid("new"), AdmissionOperation.Create, Cluster([old]));

        Assert.Equal(error is null, result.Allowed);
        if (error is not null)
        {
            Assert.Contains(error, result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Policies_that_share_no_node_never_conflict()
    {
        var old = Valid("old", s => s.NodeSelector = new() { ["zone"] = "b" });

        Assert.True(PolicyValidator.Review(Valid("new"), AdmissionOperation.Create, Cluster([old])).Allowed);
    }

    [Fact]
    public void Update_of_a_policy_is_not_compared_with_itself()
    {
        Assert.True(PolicyValidator.Review(Valid("p"), AdmissionOperation.Update, Cluster([Valid("p")])).Allowed);
    }
}
