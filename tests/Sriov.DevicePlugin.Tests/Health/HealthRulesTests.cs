using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Devices;
using Sriov.DevicePlugin.Health;
using Sriov.DevicePlugin.Pools;
using Sriov.DevicePlugin.Selection;
using Sriov.DevicePlugin.Tests.Support;

namespace Sriov.DevicePlugin.Tests.Health;

public class HealthRulesTests
{
    private static readonly PoolDevice Vf = PoolBuilder.Build(
        ConfigLoader.Parse("""{"resourceList":[{"resourceName":"r","selectors":{"pciAddresses":["0000:3b:01.1"]}}]}""", "t", "intel.com"),
        Functions.TwoPorts()).Pools[0].Devices[0];

    private static HealthFacts Facts(string? marked = null, LinkState? pfLink = null, bool linkRule = true) => new(
        marked is null ? new HashSet<string>() : new HashSet<string> { marked },
        pfLink is { } l ? new Dictionary<string, LinkState> { ["ens1f0"] = l } : new Dictionary<string, LinkState>(),
        linkRule);

    public static TheoryData<string, string, string?, bool?, bool?, bool, string?> Rules => new()
    {
        // presence, marker, PF up, PF carrier, link rule → reason (null: healthy)
        { "present, PF up with carrier", "Present", null, true, true, true, null },
        { "PF link unknown", "Present", null, null, null, true, null },
        { "PF administratively down", "Present", null, false, false, true, "PF netdev ens1f0 is down" },
        { "PF without carrier", "Present", null, true, false, true, "PF netdev ens1f0 has no carrier" },
        { "PF without carrier, link rule off", "Present", null, true, false, false, null },
        { "PF being reconfigured", "Present", "0000:3b:00.0", true, true, true, "PF 0000:3b:00.0 is being reconfigured" },
        { "another PF being reconfigured", "Present", "0000:3b:00.1", true, true, true, null },
        { "function itself marked", "Present", "0000:3b:01.1", true, true, true, "0000:3b:01.1 is being reconfigured" },
        { "unbound", "Unbound", null, true, true, true, "function 0000:3b:01.1 is bound to no driver" },
        { "gone", "Missing", "0000:3b:00.0", false, false, true, "function 0000:3b:01.1 is gone" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rules_in_order(string name, string presence, string? marker, bool? up, bool? carrier, bool linkRule, string? reason)
    {
        _ = name;
        var (healthy, why) = HealthRules.Evaluate(Vf, Enum.Parse<Presence>(presence), Facts(marker, up is null ? null : new LinkState(up.Value, carrier!.Value), linkRule));
        Assert.Equal(reason is null, healthy);
        Assert.Equal(reason, why);
    }
}
