using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Sriov.Host.Netlink;
using Sriov.Host.Tests.Namespaces;

namespace Sriov.Host.Tests.Netlink;

[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class RouteNetlinkNetnsTests : IDisposable
{
    private readonly TestNetns _ns = new();

    public void Dispose() => _ns.Dispose();

    [Fact]
    public void Move_puts_the_device_in_the_target_and_removes_it_from_the_source()
    {
        var a = _ns.Add();
        var b = _ns.Add();
        var dev = TestNetns.Ifname("mv");
        TestNetns.Veth(a, dev, TestNetns.Ifname("mvp"));
        using var source = RouteNetlink.OpenIn(_ns.Open(a));
        using var target = RouteNetlink.OpenIn(_ns.Open(b));

        source.MoveToNetns(source.GetLink(dev), _ns.Open(b));

        Assert.Null(source.TryGetLink(dev));
        Assert.Equal(dev, target.GetLink(dev).Name);
    }

    [Fact]
    public void Move_with_rename_works_while_the_new_name_exists_in_the_source()
    {
        var a = _ns.Add();
        var b = _ns.Add();
        var dev = TestNetns.Ifname("ra");
        var taken = TestNetns.Ifname("rb");
        TestNetns.Veth(a, dev, TestNetns.Ifname("rap"));
        TestNetns.Veth(a, taken, TestNetns.Ifname("rbp"));
        using var source = RouteNetlink.OpenIn(_ns.Open(a));
        using var target = RouteNetlink.OpenIn(_ns.Open(b));
        var before = source.GetLink(dev);

        source.MoveToNetns(before, _ns.Open(b), taken);

        var moved = target.GetLink(taken);
        Assert.Equal(before.Index, moved.Index);
        Assert.Equal(before.Mac, moved.Mac);
        Assert.NotNull(source.TryGetLink(taken));
        Assert.Null(source.TryGetLink(dev));
    }

    [Fact]
    public void A_move_whose_rename_fails_leaves_the_device_under_its_old_name_and_can_be_undone()
    {
        var a = _ns.Add();
        var b = _ns.Add();
        var dev = TestNetns.Ifname("ha");
        var clash = TestNetns.Ifname("hb");
        TestNetns.Veth(a, dev, TestNetns.Ifname("hap"));
        TestNetns.Veth(b, clash, TestNetns.Ifname("hbp"));
        using var source = RouteNetlink.OpenIn(_ns.Open(a));
        using var target = RouteNetlink.OpenIn(_ns.Open(b));
        var before = source.GetLink(dev);

        var error = Assert.Throws<NetlinkException>(() => source.MoveToNetns(before, _ns.Open(b), clash));

        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.StartsWith($"move {dev} to netns /run/netns/{b} as {clash} (netns /run/netns/{a}): File exists (EEXIST)", error.Message);
        // The kernel moved first and then failed to rename: the device is in the target under its old name.
        Assert.Null(source.TryGetLink(dev));
        var halfMoved = target.FindMovedLink(before.Index, dev, clash, before.Mac);
        Assert.NotNull(halfMoved);
        Assert.Equal(halfMoved.Index, target.FindMovedLink(before.Index, dev, clash)?.Index);
        Assert.Equal(dev, halfMoved.Name);

        target.MoveToNetns(halfMoved, _ns.Open(a));

        Assert.Equal(before.Mac, source.GetLink(dev).Mac);
        Assert.Null(target.FindMovedLink(before.Index, dev, clash, before.Mac));
        Assert.Equal(clash, target.GetLink(clash).Name);
    }

    [Fact]
    public void Rename_mtu_mac_up_and_down_are_applied()
    {
        var a = _ns.Add();
        var dev = TestNetns.Ifname("st");
        var renamed = TestNetns.Ifname("sr");
        TestNetns.Veth(a, dev, TestNetns.Ifname("stp"));
        using var rtnl = RouteNetlink.OpenIn(_ns.Open(a));
        var link = rtnl.GetLink(dev);
        var mac = MacAddress.Parse("02:5a:00:11:22:33");

        rtnl.SetName(link, renamed);
        rtnl.SetMtu(new LinkRef(link.Index, renamed), 1400);
        rtnl.SetMac(new LinkRef(link.Index, renamed), mac);
        rtnl.SetUp(new LinkRef(link.Index, renamed));

        var after = rtnl.GetLink(link.Index);
        Assert.Equal(renamed, after.Name);
        Assert.Equal(1400, after.Mtu);
        Assert.Equal(mac, after.Mac);
        Assert.True(after.IsUp);
        Assert.Null(rtnl.TryGetLink(dev));

        rtnl.SetDown(after);
        Assert.False(rtnl.GetLink(renamed).IsUp);
    }

    [Fact]
    public void Errors_name_the_operation_the_device_and_the_errno()
    {
        var a = _ns.Add();
        var dev = TestNetns.Ifname("er");
        TestNetns.Veth(a, dev, TestNetns.Ifname("erp"));
        using var rtnl = RouteNetlink.OpenIn(_ns.Open(a));
        var link = rtnl.GetLink(dev);

        var mtu = Assert.Throws<NetlinkException>(() => rtnl.SetMtu(link, 70000));
        var missing = Assert.Throws<NetlinkException>(() => rtnl.GetLink(TestNetns.Ifname("no")));

        Assert.Equal(Errno.EINVAL, mtu.Errno);
        Assert.StartsWith($"set MTU 70000 on {dev} (netns /run/netns/{a}): Invalid argument (EINVAL)", mtu.Message);
        Assert.Equal($"get link {TestNetns.Ifname("no")} (netns /run/netns/{a}): No such device (ENODEV)", missing.Message);
        Assert.Throws<ArgumentException>(() => rtnl.SetName(link, "way-too-long-name0"));
    }

    [Fact]
    public void Parsed_links_match_what_iproute2_reports()
    {
        var a = _ns.Add();
        var dev = TestNetns.Ifname("ip");
        TestNetns.Veth(a, dev, TestNetns.Ifname("ipp"));
        Shell.Check("ip", "-n", a, "link", "property", "add", "dev", dev, "altname", TestNetns.Ifname("ipalt"));
        Shell.Check("ip", "-n", a, "link", "set", dev, "mtu", "1280", "up");
        using var rtnl = RouteNetlink.OpenIn(_ns.Open(a));

        var ours = rtnl.GetLinks().ToDictionary(l => l.Name);
        using var json = JsonDocument.Parse(Shell.Check("ip", "-n", a, "-j", "link", "show"));

        Assert.Equal(json.RootElement.GetArrayLength(), ours.Count);
        foreach (var theirs in json.RootElement.EnumerateArray())
        {
            var link = ours[theirs.GetProperty("ifname").GetString()!];
            Assert.Equal(theirs.GetProperty("ifindex").GetInt32(), link.Index);
            Assert.Equal(theirs.GetProperty("mtu").GetInt32(), link.Mtu);
            Assert.Equal(theirs.GetProperty("address").GetString(), link.Mac?.ToString() ?? "00:00:00:00:00:00");
            Assert.Equal(theirs.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "UP"), link.IsUp);
            var alt = theirs.TryGetProperty("altnames", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).ToArray() : [];
            Assert.Equal(alt, link.AltNames);
        }
    }

    [Fact]
    public void Altname_removal_drops_only_that_altname()
    {
        var a = _ns.Add();
        var dev = TestNetns.Ifname("al");
        var alt1 = TestNetns.Ifname("alt1");
        var alt2 = TestNetns.Ifname("alt2");
        TestNetns.Veth(a, dev, TestNetns.Ifname("alp"));
        Shell.Check("ip", "-n", a, "link", "property", "add", "dev", dev, "altname", alt1, "altname", alt2);
        using var rtnl = RouteNetlink.OpenIn(_ns.Open(a));
        var link = rtnl.GetLink(dev);
        Assert.Equal([alt1, alt2], link.AltNames);
        Assert.Equal(link.Index, rtnl.GetLink(alt1).Index);

        rtnl.DeleteAltName(link, alt1);

        Assert.Equal([alt2], rtnl.GetLink(dev).AltNames);
        Assert.Null(rtnl.TryGetLink(alt1));
        var again = Assert.Throws<NetlinkException>(() => rtnl.DeleteAltName(link, alt1));
        Assert.Equal(Errno.ENOENT, again.Errno);
    }

    [Theory]
    [InlineData("192.0.2.10", 24, "192.0.2.255")]
    [InlineData("198.51.100.7", 31, null)]
    [InlineData("2001:db8::10", 64, null)]
    public void Addresses_are_added_listed_and_deleted(string ip, int prefix, string? broadcast)
    {
        var a = _ns.Add();
        var dev = TestNetns.Ifname("ad");
        TestNetns.Veth(a, dev, TestNetns.Ifname("adp"));
        using var rtnl = RouteNetlink.OpenIn(_ns.Open(a));
        var link = rtnl.GetLink(dev);
        var address = IPAddress.Parse(ip);

        rtnl.AddAddress(link, address, prefix);

        var listed = Assert.Single(rtnl.GetAddresses(address.AddressFamily, link.Index), x => x.Address.Equals(address));
        Assert.Equal(prefix, listed.PrefixLength);
        Assert.Equal(broadcast, listed.Broadcast?.ToString());
        Assert.Contains($"{ip}/{prefix}", Shell.Check("ip", "-n", a, "addr", "show", "dev", dev));
        var duplicate = Assert.Throws<NetlinkException>(() => rtnl.AddAddress(link, address, prefix));
        Assert.Equal(Errno.EEXIST, duplicate.Errno);

        rtnl.DeleteAddress(link, address, prefix);

        Assert.DoesNotContain(rtnl.GetAddresses(address.AddressFamily, link.Index), x => x.Address.Equals(address));
    }

    [Theory]
    [InlineData("192.0.2.10", 24, "192.0.2.1", "10.20.0.0/16", 100u)]
    [InlineData("2001:db8::10", 64, "2001:db8::1", "2001:db8:100::/48", 1000u)]
    [InlineData("192.0.2.10", 24, "192.0.2.1", "0.0.0.0/0", 254u)]
    public void Routes_are_added_listed_and_deleted(string ip, int prefix, string gateway, string destination, uint table)
    {
        var a = _ns.Add();
        var dev = TestNetns.Ifname("rt");
        TestNetns.Veth(a, dev, TestNetns.Ifname("rtp"));
        using var rtnl = RouteNetlink.OpenIn(_ns.Open(a));
        var link = rtnl.GetLink(dev);
        rtnl.SetUp(link);
        var address = IPAddress.Parse(ip);
        // nodad: an IPv6 gateway is only reachable once the address is no longer tentative.
        Shell.Check("ip", "-n", a, "addr", "add", $"{ip}/{prefix}", "dev", dev, "nodad");
        var route = new RouteInfo
        {
            Destination = IPNetwork.Parse(destination),
            Gateway = IPAddress.Parse(gateway),
            OutputInterface = link.Index,
            Priority = 50,
            Table = table,
        };

        rtnl.AddRoute(route);

        var listed = Assert.Single(rtnl.GetRoutes(address.AddressFamily, table), r => r.Destination == route.Destination);
        Assert.Equal(route.Gateway, listed.Gateway);
        Assert.Equal(link.Index, listed.OutputInterface);
        Assert.Equal(50u, listed.Priority);
        Assert.Equal(table, listed.Table);
        Assert.Contains(destination == "0.0.0.0/0" ? "default" : destination,
            Shell.Check("ip", "-n", a, address.AddressFamily == AddressFamily.InterNetworkV6 ? "-6" : "-4", "route", "show", "table", table.ToString()));
        Assert.Equal(Errno.EEXIST, Assert.Throws<NetlinkException>(() => rtnl.AddRoute(route)).Errno);

        rtnl.DeleteRoute(route);

        Assert.DoesNotContain(rtnl.GetRoutes(address.AddressFamily, table), r => r.Destination == route.Destination);
    }

    [Fact]
    public void A_link_scope_route_without_gateway_is_added()
    {
        var a = _ns.Add();
        var dev = TestNetns.Ifname("lr");
        TestNetns.Veth(a, dev, TestNetns.Ifname("lrp"));
        using var rtnl = RouteNetlink.OpenIn(_ns.Open(a));
        var link = rtnl.GetLink(dev);
        rtnl.SetUp(link);

        rtnl.AddRoute(new RouteInfo { Destination = IPNetwork.Parse("203.0.113.0/24"), OutputInterface = link.Index });

        var listed = Assert.Single(rtnl.GetRoutes(AddressFamily.InterNetwork, 254), r => r.Destination == IPNetwork.Parse("203.0.113.0/24"));
        Assert.Equal((byte)253, listed.Scope);
        Assert.Null(listed.Gateway);
    }
}
