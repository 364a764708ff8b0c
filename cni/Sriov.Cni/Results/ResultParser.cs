using System.Net;
using System.Text.Json;
using Sriov.Cni.Config;
using Sriov.Cni.Skel;

namespace Sriov.Cni.Results;

/// <summary>
/// Reads a result of any version into the 1.1.0 model: an IPAM delegate's answer (which may be in an older version than
/// the request when the delegate converts, and has no <c>interfaces</c>), or a <c>prevResult</c>. 0.1.0/0.2.0 results
/// (<c>ip4</c>/<c>ip6</c> objects) become <c>ips</c> and <c>routes</c>. Errors are code 7 naming the key; callers
/// re-label them (IPAM: code 107).
/// </summary>
internal static class ResultParser
{
    public static CniResult Parse(JsonElement result, string requestVersion)
    {
        var f = JsonFields.Of(result, ["cniVersion", "interfaces", "ips", "routes", "dns", "ip4", "ip6"], "result.");
        var version = f.String("cniVersion") is { Length: > 0 } v ? v : requestVersion;
        if (CniVersion.IsSupported(version) && !CniVersion.AtLeast(version, CniVersion.V030))
        {
            return ParseLegacy(f);
        }

        var interfaces = new List<ResultInterface>();
        if (f.Array("interfaces") is { } ifaces)
        {
            foreach (var item in ifaces.EnumerateArray())
            {
                var i = JsonFields.Of(item, ["name", "mac", "mtu", "sandbox", "socketPath", "pciID"], "result.interfaces[].");
                interfaces.Add(new ResultInterface
                {
                    Name = i.String("name") ?? string.Empty,
                    Mac = i.String("mac"),
                    Mtu = i.Int("mtu"),
                    Sandbox = i.String("sandbox"),
                    SocketPath = i.String("socketPath"),
                    PciId = i.String("pciID"),
                });
            }
        }

        var ips = new List<ResultIp>();
        if (f.Array("ips") is { } ipArray)
        {
            foreach (var item in ipArray.EnumerateArray())
            {
                var i = JsonFields.Of(item, ["version", "address", "gateway", "interface"], "result.ips[].");
                ips.Add(new ResultIp
                {
                    Address = Prefix(i.String("address"), "result.ips[].address"),
                    Gateway = Address(i.String("gateway"), "result.ips[].gateway"),
                    Interface = i.Int("interface"),
                });
            }
        }

        var routes = new List<ResultRoute>();
        if (f.Array("routes") is { } routeArray)
        {
            foreach (var item in routeArray.EnumerateArray())
            {
                routes.Add(Route(item));
            }
        }

        return new CniResult { Interfaces = interfaces, Ips = ips, Routes = routes, Dns = Dns(f.Object("dns")) };
    }

    private static CniResult ParseLegacy(JsonFields f)
    {
        var ips = new List<ResultIp>();
        var routes = new List<ResultRoute>();
        foreach (var key in new[] { "ip4", "ip6" })
        {
            if (f.Object(key) is not { } ip)
            {
                continue;
            }

            var i = JsonFields.Of(ip, ["ip", "gateway", "routes"], $"result.{key}.");
            ips.Add(new ResultIp { Address = Prefix(i.String("ip"), $"result.{key}.ip"), Gateway = Address(i.String("gateway"), $"result.{key}.gateway") });
            if (i.Array("routes") is { } list)
            {
                foreach (var item in list.EnumerateArray())
                {
                    routes.Add(Route(item));
                }
            }
        }

        return new CniResult { Ips = ips, Routes = routes, Dns = Dns(f.Object("dns")) };
    }

    private static ResultRoute Route(JsonElement item)
    {
        var r = JsonFields.Of(item, ["dst", "gw", "mtu", "advmss", "priority", "table", "scope"], "result.routes[].");
        return new ResultRoute
        {
            Destination = Prefix(r.String("dst"), "result.routes[].dst"),
            Gateway = Address(r.String("gw"), "result.routes[].gw"),
            Mtu = r.Int("mtu"),
            AdvMss = r.Int("advmss"),
            Priority = r.Int("priority"),
            Table = r.Int("table"),
            Scope = r.Int("scope"),
        };
    }

    private static ResultDns Dns(JsonElement? dns)
    {
        if (dns is not { } d)
        {
            return ResultDns.Empty;
        }

        var f = JsonFields.Of(d, ["nameservers", "domain", "search", "options"], "result.dns.");
        return new ResultDns
        {
            Nameservers = Strings(f, "nameservers"),
            Domain = f.String("domain"),
            Search = Strings(f, "search"),
            Options = Strings(f, "options"),
        };
    }

    private static string[] Strings(JsonFields f, string key) =>
        f.Array(key) is { } array
            ? [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
                ? e.GetString()!
                : throw new CniException(CniErrorCode.InvalidNetworkConfig, $"result.dns.{key}[]: expected a string, got {JsonFields.Describe(e)}"))]
            : [];

    private static IpPrefix Prefix(string? text, string key) =>
        IpPrefix.TryParse(text, out var prefix)
            ? prefix
            : throw new CniException(CniErrorCode.InvalidNetworkConfig, $"{key}: \"{text}\" is not an address with a prefix length (such as 10.1.2.3/24)");

    private static IPAddress? Address(string? text, string key) =>
        string.IsNullOrEmpty(text)
            ? null
            : IPAddress.TryParse(text, out var address)
                ? address
                : throw new CniException(CniErrorCode.InvalidNetworkConfig, $"{key}: \"{text}\" is not an IP address");
}
