using Sriov.Host.Namespaces;

namespace Sriov.Host.Tests.Namespaces;

/// <summary>/proc/sys/net of another netns, written from a thread inside it.</summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class NetnsSysctlTests : IDisposable
{
    private readonly TestNetns _ns = new();

    [Fact]
    public void Entries_are_written_in_the_target_netns_and_failures_are_listed()
    {
        var name = _ns.Add();
        var ifName = TestNetns.Ifname("sy");
        TestNetns.Veth(name, ifName, TestNetns.Ifname("sz"));
        using var ns = _ns.Open(name);

        var failures = NetnsSysctl.TryWrite(ns,
        [
            new(NetnsSysctl.InterfaceKey("ipv4", ifName, "arp_notify"), "1"),
            new(NetnsSysctl.InterfaceKey("ipv4", "nosuchif0", "arp_notify"), "1"),
        ]);

        Assert.Equal("1", Shell.Check("ip", "netns", "exec", name, "cat", $"/proc/sys/net/ipv4/conf/{ifName}/arp_notify").Trim());
        var failure = Assert.Single(failures);
        Assert.Equal("net/ipv4/conf/nosuchif0/arp_notify", failure.Key);
        Assert.Equal("net/ipv4/conf/nosuchif0/arp_notify: No such file or directory (ENOENT)", failure.ToString());
        Assert.False(File.Exists($"/proc/sys/net/ipv4/conf/{ifName}/arp_notify")); // the host netns has no such interface

        var e = Assert.Throws<IOException>(() => NetnsSysctl.Write(ns, [new("net/ipv4/conf/nosuchif0/arp_notify", "1")]));
        Assert.Contains("write sysctl net/ipv4/conf/nosuchif0/arp_notify: No such file or directory (ENOENT) in netns /run/netns/" + name, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kernel/hostname")]
    [InlineData("net/../kernel/hostname")]
    [InlineData("net//ipv4")]
    [InlineData("")]
    public void Keys_outside_proc_sys_net_are_refused_before_anything_is_written(string key)
    {
        using var ns = NetNs.OpenHost();
        Assert.Throws<ArgumentException>(() => NetnsSysctl.TryWrite(ns, [new(key, "x")]));
    }

    [Fact]
    public void Interface_keys_are_built_only_from_valid_names()
    {
        Assert.Equal("net/ipv6/conf/net1/ndisc_notify", NetnsSysctl.InterfaceKey("ipv6", "net1", "ndisc_notify"));
        Assert.Throws<ArgumentException>(() => NetnsSysctl.InterfaceKey("ipv4", "../x", "arp_notify"));
        Assert.Throws<ArgumentException>(() => NetnsSysctl.InterfaceKey("ipx", "net1", "arp_notify"));
    }

    public void Dispose() => _ns.Dispose();
}
