// sriov-host-aotcheck selftest: exercises every public host-networking API inside a temporary network namespace and
// prints "ok" (or the first failure). Published with NativeAOT by the test suite, which requires zero warnings.
using System.Net;
using System.Net.Sockets;
using Sriov.Host;
using Sriov.Host.Announce;
using Sriov.Host.Json;
using Sriov.Host.Locks;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

if (args is not ["selftest"])
{
    Console.Error.WriteLine("usage: sriov-host-aotcheck selftest");
    return 2;
}

try
{
    using var host = NetNs.OpenHost();
    using var temp = NetNs.CreateTemporary();
    Check(!temp.IsSameAs(host) && host.ContainsCurrentThread() && temp.Inode != 0, "temporary netns");
    Check(NetnsRunner.Run(temp, temp.ContainsCurrentThread), "run in netns");
    NetnsRunner.Run(temp, () => File.WriteAllText("/proc/sys/net/ipv6/conf/all/disable_ipv6", "0"));
    try
    {
        using var missing = NetNs.Open("/run/netns/sriov-aotcheck-missing");
        Check(false, "missing netns");
    }
    catch (NetnsNotFoundException)
    {
    }

    using var rtnl = RouteNetlink.OpenIn(temp);
    var lo = rtnl.GetLink("lo");
    Check(rtnl.TryGetLink(lo.Index) is not null && rtnl.GetLink(lo.Index).Name == "lo" && rtnl.GetLinks().Count == 1, "links");
    using var events = LinkEventSubscription.Open(temp);
    rtnl.SetUp(lo);
    var changed = events.ReceiveAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token).AsTask().GetAwaiter().GetResult();
    Check(changed.Kind == LinkEventKind.Changed && changed.Link?.Name == "lo", "link event");
    rtnl.SetMtu(lo, 60000);
    rtnl.AddAddress(lo, IPAddress.Parse("192.0.2.1"), 24);
    rtnl.AddAddress(lo, IPAddress.Parse("2001:db8::1"), 64);
    Check(rtnl.GetAddresses(AddressFamily.InterNetwork, lo.Index).Any(a => a.Address.Equals(IPAddress.Parse("192.0.2.1"))), "addresses");
    var route = new RouteInfo { Destination = IPNetwork.Parse("198.51.100.0/24"), Gateway = IPAddress.Parse("192.0.2.2"), Table = 100 };
    rtnl.AddRoute(route);
    Check(rtnl.GetRoutes(AddressFamily.InterNetwork, 100).Count == 1, "routes");
    rtnl.DeleteRoute(route);
    rtnl.DeleteAddress(lo, IPAddress.Parse("192.0.2.1"), 24);
    Check(rtnl.FindMovedLink(lo.Index, "lo", null, lo.Mac) is not null, "find moved link");
    rtnl.SetName(lo, "lo2");
    rtnl.SetName(new LinkRef(lo.Index, "lo2"), "lo");
    Expect(Errno.EOPNOTSUPP, () => rtnl.DeleteAltName(lo, "loopback0"), Errno.ENOENT);
    Try(() => rtnl.SetMac(lo, MacAddress.Parse("02:00:00:00:00:01")));
    using (var other = NetNs.CreateTemporary())
    {
        Expect(Errno.EINVAL, () => rtnl.MoveToNetns(new LinkRef(lo.Index, "lo"), other, "lo9"));
    }

    Check(NetnsSysctl.TryWrite(temp, [new(NetnsSysctl.InterfaceKey("ipv4", "lo", "arp_notify"), "1")]).Count == 0, "sysctl in netns");
    rtnl.SetUp(lo);
    Check(NeighborAnnouncer.Announce(temp, lo.Index, MacAddress.Parse("02:00:00:00:00:01"), [IPAddress.Parse("192.0.2.1")]).Count == 0, "announce");
    using (var json = new System.IO.MemoryStream())
    {
        using (var writer = new System.Text.Json.Utf8JsonWriter(json, MinimalJsonEncoder.WriterOptions))
        {
            writer.WriteStringValue("a\"b'c");
        }

        Check(System.Text.Encoding.UTF8.GetString(json.ToArray()) == "\"a\\\"b'c\"", "minimal JSON escaping");
    }

    rtnl.SetDown(lo);

    using var vfs = NetlinkVfControl.Open(temp);
    Check(vfs.GetVfs("lo").Count == 0, "get VFs");
    Expect(Errno.ENODEV, () => vfs.GetVf("lo", 0));
    Expect(Errno.EOPNOTSUPP, () => vfs.SetMac("lo", 0, MacAddress.Zero));
    Expect(Errno.EOPNOTSUPP, () => vfs.SetVlan("lo", 0, 100, 1, VlanProtocol.Dot1AD));
    Expect(Errno.EOPNOTSUPP, () => vfs.SetRate("lo", 0, 0, 100));
    Expect(Errno.EOPNOTSUPP, () => vfs.SetSpoofCheck("lo", 0, false));
    Expect(Errno.EOPNOTSUPP, () => vfs.SetTrust("lo", 0, true));
    Expect(Errno.EOPNOTSUPP, () => vfs.SetLinkState("lo", 0, VfLinkState.Enable));
    Expect(Errno.EOPNOTSUPP, () => vfs.SetNodeGuid("lo", 0, 1));
    Expect(Errno.EOPNOTSUPP, () => vfs.SetPortGuid("lo", 0, 1));
    using var vfsShared = new NetlinkVfControl(rtnl);
    Check(vfsShared.GetVfs("lo").Count == 0, "shared client");

    using var genl = GenericNetlink.Open();
    Check(genl.ResolveFamily("nlctrl") == 16, "generic netlink");
    using var devlink = DevlinkClient.Open();
    Check(devlink.GetEswitchMode("ffff:ff:1f.7") == EswitchMode.NotSupported, "devlink");

    var root = Directory.CreateTempSubdirectory("sriov-aotcheck-");
    try
    {
        var hostRoot = new HostRoot(root.FullName);
        using (var held = VfLock.Acquire(hostRoot, "0000:3b:02.1", TimeSpan.FromSeconds(1)))
        {
            Check(VfLock.TryAcquire(hostRoot, "0000:3b:02.1") is null && held.Path == VfLock.PathFor(hostRoot, "0000:3b:02.1"), "lock");
            try
            {
                using var again = VfLock.Acquire(hostRoot, "0000:3b:02.1", TimeSpan.FromMilliseconds(20));
                Check(false, "lock timeout");
            }
            catch (VfLockTimeoutException e)
            {
                Check(e.Holders.Contains(Environment.ProcessId), "lock holder");
            }
        }
    }
    finally
    {
        root.Delete(recursive: true);
    }

    Check(InterfaceName.Problem("net1") is null && Errno.Describe(95) == "Operation not supported (EOPNOTSUPP)", "values");
    Check(VfOperations.Vlan("ens1f0", 3, 100, 0, null) == "set VF 3 VLAN 100 on ens1f0", "operation text");
    Console.WriteLine("ok");
    return 0;
}
catch (Exception e)
{
    Console.WriteLine("FAILED: " + e);
    return 1;
}

static void Check(bool condition, string what)
{
    if (!condition)
    {
        throw new InvalidOperationException("check failed: " + what);
    }
}

static void Try(Action action)
{
    try
    {
        action();
    }
    catch (NetlinkException)
    {
    }
}

static void Expect(int errno, Action action, int alternative = -1)
{
    try
    {
        action();
    }
    catch (NetlinkException e) when (e.Errno == errno || e.Errno == alternative)
    {
        return;
    }

    throw new InvalidOperationException($"expected errno {Errno.Name(errno)}");
}
