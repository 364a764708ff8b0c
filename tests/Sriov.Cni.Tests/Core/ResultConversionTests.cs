using System.Net;
using System.Text;
using System.Text.Json;
using Sriov.Cni.Results;

namespace Sriov.Cni.Tests.Core;

/// <summary>The result printed in each version the plugin speaks, and results of any version read back.</summary>
public sealed class ResultConversionTests
{
    private const string Dns = "\"dns\":{\"nameservers\":[\"10.0.0.10\"],\"domain\":\"cluster.local\",\"search\":[\"a\",\"b\"],\"options\":[\"ndots:5\"]}";

    public static TheoryData<string, string> Printed => new()
    {
        { "1.1.0", """{"cniVersion":"1.1.0","interfaces":[{"name":"net1","mac":"02:00:00:00:00:01","mtu":1500,"sandbox":"/var/run/netns/x","pciID":"0000:af:06.0"}],"ips":[{"interface":0,"address":"10.1.2.3/24","gateway":"10.1.2.1"},{"interface":0,"address":"2001:db8::5/64","gateway":"2001:db8::1"}],"routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"},{"dst":"10.9.0.0/16"},{"dst":"::/0","gw":"2001:db8::1","mtu":1400,"advmss":1360,"priority":100,"table":200,"scope":0}],""" + Dns + "}" },
        { "1.0.0", """{"cniVersion":"1.0.0","interfaces":[{"name":"net1","mac":"02:00:00:00:00:01","mtu":1500,"sandbox":"/var/run/netns/x"}],"ips":[{"interface":0,"address":"10.1.2.3/24","gateway":"10.1.2.1"},{"interface":0,"address":"2001:db8::5/64","gateway":"2001:db8::1"}],"routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"},{"dst":"10.9.0.0/16"},{"dst":"::/0","gw":"2001:db8::1"}],""" + Dns + "}" },
        { "0.4.0", """{"cniVersion":"0.4.0","interfaces":[{"name":"net1","mac":"02:00:00:00:00:01","sandbox":"/var/run/netns/x"}],"ips":[{"version":"4","interface":0,"address":"10.1.2.3/24","gateway":"10.1.2.1"},{"version":"6","interface":0,"address":"2001:db8::5/64","gateway":"2001:db8::1"}],"routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"},{"dst":"10.9.0.0/16"},{"dst":"::/0","gw":"2001:db8::1"}],""" + Dns + "}" },
        { "0.3.1", """{"cniVersion":"0.3.1","interfaces":[{"name":"net1","mac":"02:00:00:00:00:01","sandbox":"/var/run/netns/x"}],"ips":[{"version":"4","interface":0,"address":"10.1.2.3/24","gateway":"10.1.2.1"},{"version":"6","interface":0,"address":"2001:db8::5/64","gateway":"2001:db8::1"}],"routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"},{"dst":"10.9.0.0/16"},{"dst":"::/0","gw":"2001:db8::1"}],""" + Dns + "}" },
        { "0.3.0", """{"cniVersion":"0.3.0","interfaces":[{"name":"net1","mac":"02:00:00:00:00:01","sandbox":"/var/run/netns/x"}],"ips":[{"version":"4","interface":0,"address":"10.1.2.3/24","gateway":"10.1.2.1"},{"version":"6","interface":0,"address":"2001:db8::5/64","gateway":"2001:db8::1"}],"routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"},{"dst":"10.9.0.0/16"},{"dst":"::/0","gw":"2001:db8::1"}],""" + Dns + "}" },
        { "0.2.0", """{"cniVersion":"0.2.0","ip4":{"ip":"10.1.2.3/24","gateway":"10.1.2.1","routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"},{"dst":"10.9.0.0/16"}]},"ip6":{"ip":"2001:db8::5/64","gateway":"2001:db8::1","routes":[{"dst":"::/0","gw":"2001:db8::1"}]},""" + Dns + "}" },
        { "0.1.0", """{"cniVersion":"0.1.0","ip4":{"ip":"10.1.2.3/24","gateway":"10.1.2.1","routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"},{"dst":"10.9.0.0/16"}]},"ip6":{"ip":"2001:db8::5/64","gateway":"2001:db8::1","routes":[{"dst":"::/0","gw":"2001:db8::1"}]},""" + Dns + "}" },
    };

    [Theory]
    [MemberData(nameof(Printed))]
    public void A_result_is_printed_in_the_requested_version(string version, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(ResultWriter.Write(Full, version)));
    }

    [Theory]
    [MemberData(nameof(Printed))]
    public void What_is_printed_reads_back_to_the_same_output(string version, string expected)
    {
        var parsed = ResultParser.Parse(JsonDocument.Parse(expected).RootElement, version);
        Assert.Equal(expected, Encoding.UTF8.GetString(ResultWriter.Write(parsed, version)));
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.1.2.3/24","gateway":"10.1.2.1"}],"routes":[{"dst":"0.0.0.0/0"}],"dns":{}}""")]
    [InlineData("""{"cniVersion":"0.4.0","ips":[{"version":"4","address":"10.1.2.3/24","gateway":"10.1.2.1"}],"routes":[{"dst":"0.0.0.0/0"}],"dns":{}}""")]
    [InlineData("""{"cniVersion":"0.3.1","ips":[{"version":"4","address":"10.1.2.3/24","gateway":"10.1.2.1"}],"routes":[{"dst":"0.0.0.0/0"}]}""")]
    [InlineData("""{"cniVersion":"0.2.0","ip4":{"ip":"10.1.2.3/24","gateway":"10.1.2.1","routes":[{"dst":"0.0.0.0/0"}]},"dns":{}}""")]
    [InlineData("""{"ip4":{"ip":"10.1.2.3/24","gateway":"10.1.2.1","routes":[{"dst":"0.0.0.0/0"}]}}""")]
    public void Delegate_results_of_any_version_read_into_one_model(string json)
    {
        // The last row has no cniVersion: it is read in the request's version (0.1.0 here).
        var result = ResultParser.Parse(JsonDocument.Parse(json).RootElement, "0.1.0");
        var ip = Assert.Single(result.Ips);
        Assert.Equal(("10.1.2.3/24", IPAddress.Parse("10.1.2.1"), (int?)null), (ip.Address.ToString(), ip.Gateway, ip.Interface));
        var route = Assert.Single(result.Routes);
        Assert.Equal(("0.0.0.0/0", (IPAddress?)null), (route.Destination.ToString(), route.Gateway));
        Assert.Empty(result.Interfaces);
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.1.2.3"}]}""", "result.ips[].address: \"10.1.2.3\" is not an address with a prefix length")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.1.2.3/24","gateway":"x"}]}""", "result.ips[].gateway: \"x\" is not an IP address")]
    [InlineData("""{"cniVersion":"1.0.0","routes":[{"dst":"10.0.0.0/33"}]}""", "result.routes[].dst")]
    [InlineData("""{"cniVersion":"1.0.0","ips":{}}""", "result.ips: expected an array")]
    public void Malformed_results_name_the_key(string json, string message)
    {
        var e = Assert.Throws<Sriov.Cni.Skel.CniException>(() => ResultParser.Parse(JsonDocument.Parse(json).RootElement, "1.0.0"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_without_dns_still_prints_an_empty_dns_object_as_libcni_does()
    {
        var result = new CniResult { Interfaces = [new ResultInterface { Name = "net1", Sandbox = "/x" }] };
        Assert.Equal("""{"cniVersion":"1.0.0","interfaces":[{"name":"net1","sandbox":"/x"}],"dns":{}}""", Encoding.UTF8.GetString(ResultWriter.Write(result, "1.0.0")));
    }

    [Theory]
    [InlineData("10.1.2.3/24", "10.1.2.0/24")]
    [InlineData("10.1.2.3/32", "10.1.2.3/32")]
    [InlineData("10.1.2.3/0", "0.0.0.0/0")]
    [InlineData("2001:db8::5/64", "2001:db8::/64")]
    [InlineData("2001:db8::ff:5/120", "2001:db8::ff:0/120")]
    public void An_address_prefix_gives_its_network(string prefix, string network)
    {
        Assert.True(IpPrefix.TryParse(prefix, out var p));
        Assert.Equal(network, p.Network.ToString());
        Assert.Equal(prefix, p.ToString());
    }

    private static CniResult Full => new()
    {
        Interfaces = [new ResultInterface { Name = "net1", Mac = "02:00:00:00:00:01", Mtu = 1500, Sandbox = "/var/run/netns/x", PciId = "0000:af:06.0" }],
        Ips =
        [
            new ResultIp { Address = Prefix("10.1.2.3/24"), Gateway = IPAddress.Parse("10.1.2.1"), Interface = 0 },
            new ResultIp { Address = Prefix("2001:db8::5/64"), Gateway = IPAddress.Parse("2001:db8::1"), Interface = 0 },
        ],
        Routes =
        [
            new ResultRoute { Destination = Prefix("0.0.0.0/0"), Gateway = IPAddress.Parse("10.1.2.1") },
            new ResultRoute { Destination = Prefix("10.9.0.0/16") },
            new ResultRoute { Destination = Prefix("::/0"), Gateway = IPAddress.Parse("2001:db8::1"), Mtu = 1400, AdvMss = 1360, Priority = 100, Table = 200, Scope = 0 },
        ],
        Dns = new ResultDns { Nameservers = ["10.0.0.10"], Domain = "cluster.local", Search = ["a", "b"], Options = ["ndots:5"] },
    };

    private static IpPrefix Prefix(string text) => IpPrefix.TryParse(text, out var p) ? p : throw new FormatException(text);
}
