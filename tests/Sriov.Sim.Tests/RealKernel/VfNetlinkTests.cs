using System.Text.Json;
using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel;

/// <summary>
/// PF-side VF attributes over rtnetlink (iproute2's <c>ip link set PF vf N ...</c>) with the real igb driver's
/// answers, which the <c>IVfControl</c> driver emulator must reproduce (spec real-nic.md §3).
/// </summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class VfNetlinkTests(SimRealKernelGuests guests) : IRealKernelScenarios
{
    private const string Scenario = "vf-attrs";

    public static IEnumerable<GuestScenario> Scenarios =>
    [
        new(Scenario,
        [
            new GuestStep("set", """
                rk_write enable "$RK_PF_SYS/sriov_numvfs" 2
                # Enabling VFs resets igb's PF link; rate limits are refused until carrier is back.
                rk_wait 10 rk_carrier "$RK_PF_IF" && echo carrier=1
                vf() { rk_try "$1" ip link set "$RK_PF_IF" vf "${@:2}"; }
                vf mac 0 mac 02:11:22:33:44:55
                vf vlan 0 vlan 100 qos 3
                vf vlan_8021ad 0 vlan 100 proto 802.1ad
                vf spoofchk 0 spoofchk off
                vf trust 0 trust on
                vf max_tx_rate 0 max_tx_rate 100
                vf rate_vf1 1 rate 200
                vf min_tx_rate 0 min_tx_rate 10
                vf rate_over_link 0 max_tx_rate 5000
                vf state 0 state enable
                vf query_rss 0 query_rss on
                vf vf_out_of_range 7 mac 02:00:00:00:00:07
                vf multicast_mac 1 mac 01:00:5e:00:00:01
                ip -j -d link show dev "$RK_PF_IF" >"$RK_OUT/link.json"
                """),
            new GuestStep("rate-without-carrier", """
                ip link set "$RK_PF_IF" down
                rk_try max_tx_rate ip link set "$RK_PF_IF" vf 1 max_tx_rate 300
                ip link set "$RK_PF_IF" up
                """),
            new GuestStep("clear-mac", """
                rk_try clear ip link set "$RK_PF_IF" vf 0 mac 00:00:00:00:00:00
                ip -j -d link show dev "$RK_PF_IF" >"$RK_OUT/link.json"
                """),
        ]),
    ];

    [Theory]
    [InlineData("mac", "ok")]
    [InlineData("vlan", "ok")]
    [InlineData("vlan_8021ad", "EPROTONOSUPPORT")]
    [InlineData("spoofchk", "ok")]
    [InlineData("trust", "ok")]
    [InlineData("max_tx_rate", "ok")]
    [InlineData("rate_vf1", "ok")]
    [InlineData("min_tx_rate", "EINVAL")]
    [InlineData("rate_over_link", "EINVAL")]
    [InlineData("state", "EOPNOTSUPP")]
    [InlineData("query_rss", "EOPNOTSUPP")]
    [InlineData("vf_out_of_range", "EINVAL")]
    [InlineData("multicast_mac", "EINVAL")]
    public async Task Igb_answers_the_vf_setting(string setting, string expected)
    {
        var set = await guests.StepAsync(Scenario, "set");

        Assert.Equal("1", set.Value("carrier"));
        Assert.Equal(expected, set.Value(setting));
    }

    [Fact]
    public async Task Accepted_settings_show_in_the_pf_vf_list()
    {
        var set = await guests.StepAsync(Scenario, "set");
        var vfs = VfList(set.FileText("link.json"));

        var vf0 = vfs[0];
        Assert.Equal("02:11:22:33:44:55", vf0.GetProperty("address").GetString());
        Assert.Equal(100, vf0.GetProperty("vlan_list")[0].GetProperty("vlan").GetInt32());
        Assert.Equal(3, vf0.GetProperty("vlan_list")[0].GetProperty("qos").GetInt32());
        Assert.False(vf0.GetProperty("spoofchk").GetBoolean());
        Assert.True(vf0.GetProperty("trust").GetBoolean());
        Assert.Equal(100, vf0.GetProperty("rate").GetProperty("max_tx").GetInt32());
        Assert.Equal(0, vf0.GetProperty("rate").GetProperty("min_tx").GetInt32());
        Assert.Equal("auto", vf0.GetProperty("link_state").GetString());

        var vf1 = vfs[1];
        Assert.Equal("00:00:00:00:00:00", vf1.GetProperty("address").GetString());
        Assert.Equal(200, vf1.GetProperty("rate").GetProperty("max_tx").GetInt32());
        Assert.True(vf1.GetProperty("spoofchk").GetBoolean());
    }

    [Fact]
    public async Task A_rate_limit_without_pf_carrier_is_refused()
    {
        var result = await guests.StepAsync(Scenario, "rate-without-carrier");

        Assert.Equal("EINVAL", result.Value("max_tx_rate"));
    }

    [Fact]
    public async Task The_zero_mac_clears_the_administrative_mac()
    {
        var result = await guests.StepAsync(Scenario, "clear-mac");

        Assert.Equal("ok", result.Value("clear"));
        Assert.Equal("00:00:00:00:00:00", VfList(result.FileText("link.json"))[0].GetProperty("address").GetString());
    }

    private static JsonElement[] VfList(string linkJson)
    {
        using var doc = JsonDocument.Parse(linkJson);
        return doc.RootElement[0].GetProperty("vfinfo_list").EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
