using Sriov.Api.Common;

namespace Sriov.Api.Tests.Common;

public sealed class FeatureGatesTests
{
    [Theory]
    [InlineData(FeatureGates.BlockDevicePluginUntilConfigured, null, true)]
    [InlineData(FeatureGates.MellanoxFirmwareReset, null, true)]
    [InlineData(FeatureGates.ManageSoftwareBridges, null, false)]
    [InlineData(FeatureGates.ParallelNicConfig, true, true)]
    [InlineData(FeatureGates.BlockDevicePluginUntilConfigured, false, false)]
    [InlineData("unknownGate", null, false)]
    public void User_map_overlays_the_defaults(string gate, bool? user, bool expected)
    {
        var gates = user is null ? null : new Dictionary<string, bool> { [gate] = user.Value };

        Assert.Equal(expected, FeatureGates.IsEnabled(gates, gate));
    }
}
