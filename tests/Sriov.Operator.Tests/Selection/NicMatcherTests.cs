using Sriov.Api.Policies;
using Sriov.Operator.Selection;
using Sriov.Operator.Tests.Fixtures;

namespace Sriov.Operator.Tests.Selection;

/// <summary>operator.md §2.2: every set nicSelector field must match; an all-empty selector matches nothing.</summary>
public sealed class NicMatcherTests
{
    private static readonly Api.NodeStates.InterfaceExt Nic =
        Make.Nic("ens1f0", "0000:17:00.0", "8086", "159b", netFilter: "openstack/NetworkID:abc", altNames: "enp23s0f0");

    [Theory]
    [InlineData(null, null, null, null, null, false)]
    [InlineData("8086", null, null, null, null, true)]
    [InlineData("15b3", null, null, null, null, false)]
    [InlineData("8086", "159B", null, null, null, true)]
    [InlineData("8086", "1592", null, null, null, false)]
    [InlineData(null, null, "0000:17:00.0", null, null, true)]
    [InlineData(null, null, "0000:18:00.0", null, null, false)]
    [InlineData(null, null, null, "ens1f0", null, true)]
    [InlineData(null, null, null, "ens1f0#0-3", null, true)]
    [InlineData(null, null, null, "enp23s0f0#0-3", null, true)]
    [InlineData(null, null, null, "ens2f0", null, false)]
    [InlineData("8086", null, null, "ens2f0", null, false)]
    [InlineData(null, null, null, null, "openstack/NetworkID:abc", true)]
    [InlineData(null, null, null, null, "openstack/NetworkID:xyz", false)]
    [InlineData(null, null, null, null, "aws/NetworkID:abc", false)]
    public void Matches_when_every_set_field_matches(string? vendor, string? device, string? root, string? pfName, string? netFilter, bool expected)
    {
        var selector = new NicSelector
        {
            Vendor = vendor,
            DeviceId = device,
            RootDevices = root is null ? null : [root],
            PfNames = pfName is null ? null : [pfName],
            NetFilter = netFilter,
        };

        Assert.Equal(expected, NicMatcher.Matches(selector, Nic));
    }
}
