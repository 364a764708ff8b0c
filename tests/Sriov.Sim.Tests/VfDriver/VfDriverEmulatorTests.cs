using Microsoft.Extensions.Time.Testing;
using Sriov.Host.Netlink;
using Sriov.Host.VfControl;
using Sriov.Sim.VfDriver;

namespace Sriov.Sim.Tests.VfDriver;

public sealed class VfDriverEmulatorTests
{
    private const string Pf = "ens1f0";

    // Expected errno per profile for each request (0 = accepted). igb values are the real driver's answers recorded in
    // real-nic.md §3; ice and mlx5 accept everything.
    public static TheoryData<string, string, int> Answers() => new()
    {
        { "igb", "mac", 0 },
        { "igb", "mac-multicast", Errno.EINVAL },
        { "igb", "vlan-qos", 0 },
        { "igb", "vlan-8021ad", Errno.EPROTONOSUPPORT },
        { "igb", "max-rate", 0 },
        { "igb", "min-rate", Errno.EINVAL },
        { "igb", "max-rate-over-link", Errno.EINVAL },
        { "igb", "spoofchk", 0 },
        { "igb", "trust", 0 },
        { "igb", "link-state", Errno.EOPNOTSUPP },
        { "igb", "node-guid", Errno.EOPNOTSUPP },
        { "igb", "vf-out-of-range", Errno.EINVAL },
        { "ice", "vlan-8021ad", 0 },
        { "ice", "min-rate", 0 },
        { "ice", "link-state", 0 },
        { "ice", "node-guid", 0 },
        { "mlx5", "link-state", 0 },
        { "mlx5", "port-guid", 0 },
        { "mlx5", "vf-out-of-range", Errno.EINVAL },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Each_profile_answers_as_its_driver(string profile, string request, int errno)
    {
        var emulator = new VfDriverEmulator(VfDriverProfile.ByName(profile));
        emulator.AddPf(Pf, 2);
        Action act = request switch
        {
            "mac" => () => emulator.SetMac(Pf, 0, MacAddress.Parse("02:11:22:33:44:55")),
            "mac-multicast" => () => emulator.SetMac(Pf, 1, MacAddress.Parse("01:00:5e:00:00:01")),
            "vlan-qos" => () => emulator.SetVlan(Pf, 0, 100, 3),
            "vlan-8021ad" => () => emulator.SetVlan(Pf, 0, 100, 0, VlanProtocol.Dot1AD),
            "max-rate" => () => emulator.SetRate(Pf, 0, 0, 100),
            "min-rate" => () => emulator.SetRate(Pf, 0, 10, 0),
            "max-rate-over-link" => () => emulator.SetRate(Pf, 0, 0, 5000),
            "spoofchk" => () => emulator.SetSpoofCheck(Pf, 0, false),
            "trust" => () => emulator.SetTrust(Pf, 0, true),
            "link-state" => () => emulator.SetLinkState(Pf, 0, VfLinkState.Enable),
            "node-guid" => () => emulator.SetNodeGuid(Pf, 0, 1),
            "port-guid" => () => emulator.SetPortGuid(Pf, 0, 1),
            "vf-out-of-range" => () => emulator.SetMac(Pf, 7, MacAddress.Parse("02:11:22:33:44:55")),
            _ => throw new ArgumentOutOfRangeException(nameof(request)),
        };
        var before = emulator.GetVfs(Pf);

        if (errno == 0)
        {
            act();
            Assert.NotEqual(before, emulator.GetVfs(Pf));
        }
        else
        {
            Assert.Equal(errno, Assert.Throws<NetlinkException>(act).Errno);
            Assert.Equal(before, emulator.GetVfs(Pf));
        }
    }

    [Fact]
    public void Errors_have_the_netlink_implementations_form()
    {
        var igb = new VfDriverEmulator(VfDriverProfile.Igb);
        igb.AddPf(Pf, 4);

        var vlan = Assert.Throws<NetlinkException>(() => igb.SetVlan(Pf, 3, 100, 0, VlanProtocol.Dot1AD));
        var state = Assert.Throws<NetlinkException>(() => igb.SetLinkState(Pf, 1, VfLinkState.Enable));
        var missing = Assert.Throws<NetlinkException>(() => igb.SetTrust("ens9", 0, true));

        Assert.Equal("set VF 3 VLAN 100 proto 802.1ad on ens1f0: Protocol not supported (EPROTONOSUPPORT)", vlan.Message);
        Assert.Equal("set VF 1 link state enable on ens1f0: Operation not supported (EOPNOTSUPP)", state.Message);
        Assert.Equal("set VF 0 trust on on ens9: No such device (ENODEV)", missing.Message);
        Assert.Equal(
            ["set VF 3 VLAN 100 proto 802.1ad on ens1f0: Protocol not supported (EPROTONOSUPPORT)",
             "set VF 1 link state enable on ens1f0: Operation not supported (EOPNOTSUPP)",
             "set VF 0 trust on on ens9: No such device (ENODEV)"],
            igb.Log);
    }

    [Fact]
    public void Igb_refuses_rates_while_the_pf_has_no_carrier()
    {
        var igb = new VfDriverEmulator(VfDriverProfile.Igb);
        igb.AddPf(Pf, 2, carrier: false);

        Assert.Equal(Errno.EINVAL, Assert.Throws<NetlinkException>(() => igb.SetRate(Pf, 1, 0, 200)).Errno);
        igb.SetPfCarrier(Pf, true);
        igb.SetRate(Pf, 1, 0, 200);

        Assert.Equal(200, igb.GetVf(Pf, 1).MaxTxRateMbps);
    }

    [Fact]
    public void A_scripted_ebusy_fails_then_the_retry_succeeds()
    {
        var ice = new VfDriverEmulator(VfDriverProfile.IceIavf);
        ice.AddPf(Pf, 2);
        ice.FailNext(Pf, VfOperation.Mac, Errno.EBUSY, times: 2);
        var mac = MacAddress.Parse("02:00:00:00:00:07");

        var first = Assert.Throws<NetlinkException>(() => ice.SetMac(Pf, 1, mac));
        Assert.Throws<NetlinkException>(() => ice.SetMac(Pf, 1, mac));
        ice.SetMac(Pf, 1, mac);

        Assert.True(first.IsTransient);
        Assert.Equal("set VF 1 MAC 02:00:00:00:00:07 on ens1f0: Device or resource busy (EBUSY)", first.Message);
        Assert.Equal(mac, ice.GetVf(Pf, 1).Mac);
    }

    [Fact]
    public void Vf_state_is_kept_per_vf_and_reset_by_a_new_vf_count()
    {
        var mlx = new VfDriverEmulator(VfDriverProfile.Mlx5);
        mlx.AddPf(Pf, 3);
        mlx.SetVlan(Pf, 2, 42, 5, VlanProtocol.Dot1AD);
        mlx.SetTrust(Pf, 2, true);
        mlx.SetNodeGuid(Pf, 2, 0x1122);

        var vf = mlx.GetVf(Pf, 2);
        Assert.Equal((42, 5, VlanProtocol.Dot1AD, true, 0x1122UL), (vf.Vlan, vf.Qos, vf.VlanProtocol, vf.Trust, vf.NodeGuid));
        Assert.Equal(0, mlx.GetVf(Pf, 1).Vlan);

        mlx.SetNumVfs(Pf, 4);
        Assert.Equal(4, mlx.GetVfs(Pf).Count);
        Assert.Equal(0, mlx.GetVf(Pf, 2).Vlan);
        Assert.Equal(Errno.ENODEV, Assert.Throws<NetlinkException>(() => mlx.GetVf(Pf, 4)).Errno);
    }

    [Fact]
    public void The_reset_state_is_what_igb_reports()
    {
        var igb = new VfDriverEmulator(VfDriverProfile.Igb);
        igb.AddPf(Pf, 1);

        // `ip -d link show` on igb: "spoof checking on, link-state auto, trust off"; igb does not report RSS query.
        var vf = igb.GetVf(Pf, 0);
        Assert.True(vf.Mac.IsZero);
        Assert.True(vf.SpoofCheck);
        Assert.False(vf.Trust);
        Assert.Equal(VfLinkState.Auto, vf.LinkState);
        Assert.Null(vf.RssQueryEnabled);
    }

    [Fact]
    public void The_admin_mac_reaches_the_vf_netdev_late_on_iavf()
    {
        var time = new FakeTimeProvider();
        var sink = new RecordingSink();
        var ice = new VfDriverEmulator(VfDriverProfile.IceIavf, time, sink);
        ice.AddPf(Pf, 2);
        var mac = MacAddress.Parse("02:00:00:00:00:09");

        ice.SetMac(Pf, 1, mac);
        Assert.Empty(sink.Seen);
        time.Advance(VfDriverProfile.IceIavf.MacDelay - TimeSpan.FromMilliseconds(1));
        Assert.Empty(sink.Seen);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([(Pf, 1, mac)], sink.Seen);
    }

    [Fact]
    public void On_igb_the_admin_mac_reaches_the_netdev_only_on_driver_reload_and_never_on_mlx5()
    {
        var time = new FakeTimeProvider();
        var sink = new RecordingSink();
        var igb = new VfDriverEmulator(VfDriverProfile.Igb, time, sink);
        var mlx = new VfDriverEmulator(VfDriverProfile.Mlx5, time, sink);
        igb.AddPf(Pf, 1);
        mlx.AddPf("mlx0", 1);
        var mac = MacAddress.Parse("02:00:00:00:00:0a");

        igb.SetMac(Pf, 0, mac);
        mlx.SetMac("mlx0", 0, mac);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(sink.Seen);

        igb.ReloadVfDriver(Pf, 0);
        Assert.Equal([(Pf, 0, mac)], sink.Seen);
    }

    [Fact]
    public void Arguments_are_checked_before_the_driver_with_the_field_named()
    {
        var ice = new VfDriverEmulator(VfDriverProfile.IceIavf);
        ice.AddPf(Pf, 1);

        Assert.Contains("vlan: 4096", Assert.Throws<ArgumentOutOfRangeException>(() => ice.SetVlan(Pf, 0, 4096)).Message);
        Assert.Contains("qos: 8", Assert.Throws<ArgumentOutOfRangeException>(() => ice.SetVlan(Pf, 0, 1, 8)).Message);
        Assert.Contains("minimum rate 200 Mbps is above the maximum 100", Assert.Throws<ArgumentException>(() => ice.SetRate(Pf, 0, 200, 100)).Message);
        Assert.Empty(ice.Log);
    }

    [Fact]
    public void Unknown_profiles_are_refused_by_name()
    {
        Assert.Contains("\"e1000\"", Assert.Throws<ArgumentException>(() => VfDriverProfile.ByName("e1000")).Message);
        Assert.Same(VfDriverProfile.IceIavf, VfDriverProfile.ByName("iavf"));
    }

    private sealed class RecordingSink : IVfNetdevMacSink
    {
        public List<(string, int, MacAddress)> Seen { get; } = [];

        public void VfNetdevMacChanged(string pf, int vf, MacAddress mac) => Seen.Add((pf, vf, mac));
    }
}
