using System.Text.Json;
using Sriov.Cni.Skel;
using Sriov.Host.Json;

namespace Sriov.Cni.Results;

/// <summary>
/// Prints a result in the request's version (CNI SPEC "Result Types"; libcni's conversions):
/// 1.1.0: everything; 1.0.0: interfaces with name/mac/mtu/sandbox/socketPath (libcni prints mtu there too), no pciID,
/// ips without <c>version</c>, routes dst/gw; 0.3.x/0.4.0: interfaces name/mac/sandbox, ips with <c>version</c> "4"/"6";
/// 0.1.0/0.2.0: <c>ip4</c>/<c>ip6</c> objects (the first address of each family, routes by destination family).
/// <c>dns</c> is always present, as libcni prints it (<c>{}</c> when empty).
/// </summary>
internal static class ResultWriter
{
    public static byte[] Write(CniResult result, string version)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, MinimalJsonEncoder.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("cniVersion", version);
            if (CniVersion.AtLeast(version, CniVersion.V030))
            {
                WriteCurrent(w, result, version);
            }
            else
            {
                WriteLegacy(w, result);
            }

            WriteDns(w, result.Dns);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteCurrent(Utf8JsonWriter w, CniResult result, string version)
    {
        var v1 = CniVersion.AtLeast(version, CniVersion.V100);
        var v11 = CniVersion.AtLeast(version, CniVersion.V110);
        if (result.Interfaces.Count > 0)
        {
            w.WriteStartArray("interfaces");
            foreach (var i in result.Interfaces)
            {
                w.WriteStartObject();
                w.WriteString("name", i.Name);
                WriteOptional(w, "mac", i.Mac);
                if (v1 && i.Mtu is { } mtu and > 0)
                {
                    w.WriteNumber("mtu", mtu);
                }

                WriteOptional(w, "sandbox", i.Sandbox);
                if (v1)
                {
                    WriteOptional(w, "socketPath", i.SocketPath);
                }

                if (v11)
                {
                    WriteOptional(w, "pciID", i.PciId);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (result.Ips.Count > 0)
        {
            w.WriteStartArray("ips");
            foreach (var ip in result.Ips)
            {
                w.WriteStartObject();
                if (!v1)
                {
                    w.WriteString("version", ip.Address.IsV4 ? "4" : "6");
                }

                if (ip.Interface is { } index)
                {
                    w.WriteNumber("interface", index);
                }

                w.WriteString("address", ip.Address.ToString());
                WriteOptional(w, "gateway", ip.Gateway?.ToString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (result.Routes.Count > 0)
        {
            w.WriteStartArray("routes");
            foreach (var route in result.Routes)
            {
                WriteRoute(w, route, v11);
            }

            w.WriteEndArray();
        }
    }

    private static void WriteLegacy(Utf8JsonWriter w, CniResult result)
    {
        foreach (var (key, v4) in new[] { ("ip4", true), ("ip6", false) })
        {
            var ip = result.Ips.FirstOrDefault(i => i.Address.IsV4 == v4);
            if (ip is null)
            {
                continue;
            }

            w.WriteStartObject(key);
            w.WriteString("ip", ip.Address.ToString());
            WriteOptional(w, "gateway", ip.Gateway?.ToString());
            var routes = result.Routes.Where(r => r.Destination.IsV4 == v4).ToList();
            if (routes.Count > 0)
            {
                w.WriteStartArray("routes");
                foreach (var route in routes)
                {
                    WriteRoute(w, route, full: false);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }
    }

    private static void WriteRoute(Utf8JsonWriter w, ResultRoute route, bool full)
    {
        w.WriteStartObject();
        w.WriteString("dst", route.Destination.ToString());
        WriteOptional(w, "gw", route.Gateway?.ToString());
        if (full)
        {
            WriteOptional(w, "mtu", route.Mtu);
            WriteOptional(w, "advmss", route.AdvMss);
            WriteOptional(w, "priority", route.Priority);
            WriteOptional(w, "table", route.Table);
            WriteOptional(w, "scope", route.Scope);
        }

        w.WriteEndObject();
    }

    private static void WriteDns(Utf8JsonWriter w, ResultDns dns)
    {
        w.WriteStartObject("dns");
        WriteStrings(w, "nameservers", dns.Nameservers);
        WriteOptional(w, "domain", dns.Domain);
        WriteStrings(w, "search", dns.Search);
        WriteStrings(w, "options", dns.Options);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string key, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartArray(key);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter w, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(key, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string key, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(key, v);
        }
    }
}
