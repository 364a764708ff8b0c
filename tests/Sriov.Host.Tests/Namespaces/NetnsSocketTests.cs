using System.Net.Sockets;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;
using Tmds.Linux;

namespace Sriov.Host.Tests.Namespaces;

[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class NetnsSocketTests : IDisposable
{
    private readonly TestNetns _ns = new();

    public void Dispose() => _ns.Dispose();

    [Fact]
    public async Task A_socket_opened_from_a_pool_thread_works_in_the_netns_and_the_thread_comes_home()
    {
        var name = _ns.Add();
        var link = TestNetns.Ifname("ks");
        TestNetns.Veth(name, link, TestNetns.Ifname("kp"));
        using var ns = _ns.Open(name);
        using var host = NetNs.OpenHost();

        var (names, home) = await Task.Run(() =>
        {
            using var rtnl = RouteNetlink.OpenIn(ns);
            var seen = rtnl.GetLinks().Select(l => l.Name).Order(StringComparer.Ordinal).ToList();
            return (seen, host.ContainsCurrentThread());
        });

        Assert.Equal(new[] { TestNetns.Ifname("kp"), link, "lo" }.Order(StringComparer.Ordinal), names);
        Assert.True(home);
        Assert.True(host.ContainsCurrentThread());
        using var hostRtnl = RouteNetlink.Open();
        Assert.Null(hostRtnl.TryGetLink(link));
    }

    [Fact]
    public void A_refused_socket_returns_its_errno_and_the_thread_is_home()
    {
        var name = _ns.Add();
        using var ns = _ns.Open(name);
        using var host = NetNs.OpenHost();

        // Protocol 255 of AF_INET/SOCK_STREAM exists nowhere: the kernel answers EPROTONOSUPPORT inside the netns.
        var fd = NetnsSocket.Open(ns, LibC.AF_INET, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 255, out var errno);

        Assert.Equal(-1, fd);
        Assert.Equal(Errno.EPROTONOSUPPORT, errno);
        Assert.True(host.ContainsCurrentThread());
    }

    [Fact]
    public void Sockets_made_inside_talk_over_the_netns_loopback_and_only_the_netns_lists_them()
    {
        var name = _ns.Add();
        using var ns = _ns.Open(name);

        // UDP sockets made inside talk over the netns's own loopback, and the netns (not the host) lists them.
        var receiver = NetnsSocket.Open(ns, LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0, out var errno);
        Assert.True(receiver >= 0, $"socket: errno {errno}");
        using var inside = new Socket(new SafeSocketHandle(receiver, ownsHandle: true));
        inside.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var sender = NetnsSocket.Open(ns, LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0, out errno);
        Assert.True(sender >= 0, $"socket: errno {errno}");
        using var outside = new Socket(new SafeSocketHandle(sender, ownsHandle: true));
        outside.SendTo("ping"u8.ToArray(), inside.LocalEndPoint!);
        var buffer = new byte[16];
        inside.ReceiveTimeout = 5000;

        Assert.Equal("ping", System.Text.Encoding.ASCII.GetString(buffer, 0, inside.Receive(buffer)));
        var port = $"0100007F:{((System.Net.IPEndPoint)inside.LocalEndPoint!).Port:X4} ";
        Assert.Contains(port, Shell.Check("ip", "netns", "exec", name, "cat", "/proc/net/udp"), StringComparison.Ordinal);
        Assert.DoesNotContain(port, File.ReadAllText("/proc/net/udp"), StringComparison.Ordinal);
    }
}
