using Sriov.DevicePlugin.Discovery;
using Sriov.DevicePlugin.Tests.Support;
using Sriov.Host.Namespaces;

namespace Sriov.DevicePlugin.Tests.Discovery;

[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class DefaultRoutesNetnsTests : IDisposable
{
    private readonly string _ns = "dpt-" + Ip.Token + "-rt";

    public DefaultRoutesNetnsTests() => Ip.Run("netns", "add", _ns);

    public void Dispose() => Ip.TryRun("netns", "del", _ns);

    [Fact]
    public void Only_netdevs_with_an_ipv4_default_route_in_the_main_table_are_reported()
    {
        string[] names = ["dpa" + Ip.Token, "dpb" + Ip.Token, "dpc" + Ip.Token, "dpd" + Ip.Token];
        Ip.Run("-n", _ns, "link", "add", names[0], "type", "veth", "peer", "name", names[1]);
        Ip.Run("-n", _ns, "link", "add", names[2], "type", "veth", "peer", "name", names[3]);
        foreach (var n in names)
        {
            Ip.Run("-n", _ns, "link", "set", n, "up");
        }

        Ip.Run("-n", _ns, "addr", "add", "10.77.0.1/24", "dev", names[0]);
        Ip.Run("-n", _ns, "addr", "add", "10.78.0.1/24", "dev", names[2]);
        Ip.Run("-n", _ns, "route", "add", "default", "via", "10.77.0.2", "dev", names[0]);
        Ip.Run("-n", _ns, "route", "add", "10.99.0.0/16", "via", "10.78.0.2", "dev", names[2]);
        Ip.Run("-n", _ns, "route", "add", "default", "via", "10.78.0.2", "dev", names[2], "table", "100");
        Ip.Run("-n", _ns, "-6", "addr", "add", "fd00::1/64", "dev", names[3], "nodad");
        Ip.Run("-n", _ns, "-6", "route", "add", "default", "via", "fd00::2", "dev", names[3]);

        using var netns = NetNs.Open("/run/netns/" + _ns);
        Assert.Equal([names[0]], new NetlinkDefaultRoutes(netns).Read());
    }
}
