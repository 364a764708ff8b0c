using Sriov.Host.Netlink;
using Sriov.Host.Tests.Namespaces;
using Sriov.Host.VfControl;

namespace Sriov.Host.Tests.VfControl;

/// <summary>
/// A veth has no VFs: the kernel answers every VF request with EOPNOTSUPP (real-clients.md §3), which is exactly the
/// error path a driver's refusal takes. These tests check that the refusal reaches the caller in our error form.
/// </summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class NetlinkVfControlNetnsTests : IDisposable
{
    private readonly TestNetns _ns = new();

    public void Dispose() => _ns.Dispose();

    public static TheoryData<string, Action<IVfControl, string>, string> Requests() => new()
    {
        { "VLAN", (c, pf) => c.SetVlan(pf, 3, 100), "set VF 3 VLAN 100 on {0}" },
        { "VLAN proto", (c, pf) => c.SetVlan(pf, 3, 100, 2, VlanProtocol.Dot1AD), "set VF 3 VLAN 100 QoS 2 proto 802.1ad on {0}" },
        { "MAC", (c, pf) => c.SetMac(pf, 0, MacAddress.Parse("02:00:00:00:00:01")), "set VF 0 MAC 02:00:00:00:00:01 on {0}" },
        { "rate", (c, pf) => c.SetRate(pf, 1, 0, 100), "set VF 1 rate min 0 max 100 Mbps on {0}" },
        { "spoofchk", (c, pf) => c.SetSpoofCheck(pf, 1, false), "set VF 1 spoofchk off on {0}" },
        { "trust", (c, pf) => c.SetTrust(pf, 1, true), "set VF 1 trust on on {0}" },
        { "link state", (c, pf) => c.SetLinkState(pf, 1, VfLinkState.Enable), "set VF 1 link state enable on {0}" },
        { "node GUID", (c, pf) => c.SetNodeGuid(pf, 1, 0x1122334455667788), "set VF 1 node GUID 11:22:33:44:55:66:77:88 on {0}" },
        { "port GUID", (c, pf) => c.SetPortGuid(pf, 1, 0x1122334455667788), "set VF 1 port GUID 11:22:33:44:55:66:77:88 on {0}" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_refused_vf_request_names_the_operation_the_pf_and_the_errno(string what, Action<IVfControl, string> request, string operation)
    {
        var a = _ns.Add();
        var pf = TestNetns.Ifname("vf");
        TestNetns.Veth(a, pf, TestNetns.Ifname("vfp"));
        using var control = NetlinkVfControl.Open(_ns.Open(a));

        var error = Assert.Throws<NetlinkException>(() => request(control, pf));

        Assert.False(string.IsNullOrEmpty(what));
        Assert.Equal(Errno.EOPNOTSUPP, error.Errno);
        Assert.Equal("EOPNOTSUPP", error.ErrnoName);
        Assert.False(error.IsTransient);
        Assert.StartsWith(string.Format(operation, pf) + $" (netns /run/netns/{a}): Operation not supported (EOPNOTSUPP)", error.Message);
    }

    [Fact]
    public void A_device_without_vfs_reports_none_and_a_missing_pf_is_enodev()
    {
        var a = _ns.Add();
        var pf = TestNetns.Ifname("nv");
        TestNetns.Veth(a, pf, TestNetns.Ifname("nvp"));
        using var control = NetlinkVfControl.Open(_ns.Open(a));

        Assert.Empty(control.GetVfs(pf));
        var missingVf = Assert.Throws<NetlinkException>(() => control.GetVf(pf, 0));
        var missingPf = Assert.Throws<NetlinkException>(() => control.SetTrust(TestNetns.Ifname("gone"), 0, true));

        Assert.Equal($"get VF 0 of {pf} (the PF reports 0 VFs): No such device (ENODEV)", missingVf.Message);
        Assert.Equal(Errno.ENODEV, missingPf.Errno);
        Assert.StartsWith($"set VF 0 trust on on {TestNetns.Ifname("gone")}", missingPf.Message);
    }
}
