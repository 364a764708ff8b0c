using System.Text;
using System.Text.Json;
using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Pools;

namespace Sriov.DevicePlugin.Cli;

/// <summary>
/// The output of <c>discover</c>: <c>{"resources":[{"name","devices":[{"id","healthy","numaNode","driver","vendor",
/// "device","pfName","vfIndex","netdev","linkType","deviceSpecs","env"}]}]}</c>, resources in config order, devices by
/// id, <c>null</c> where a value does not apply, providers and their keys in the order they are built.
/// </summary>
internal static class DiscoverJson
{
    public static string Write(IEnumerable<(PoolSpec Spec, IReadOnlyList<PoolEntry> Entries)> pools)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("resources");
            foreach (var (spec, entries) in pools)
            {
                json.WriteStartObject();
                json.WriteString("name", spec.FullName);
                json.WriteStartArray("devices");
                foreach (var e in entries.OrderBy(e => e.Id, StringComparer.Ordinal))
                {
                    Device(json, e);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Device(Utf8JsonWriter json, PoolEntry e)
    {
        var d = e.Device;
        var c = d.Candidate;
        json.WriteStartObject();
        json.WriteString("id", d.Id);
        json.WriteBoolean("healthy", e.Healthy);
        Number(json, "numaNode", d.Numa);
        json.WriteString("driver", c.Driver);
        Text(json, "vendor", c.Vendor);
        Text(json, "device", c.Device);
        Text(json, "pfName", c.PfName);
        Number(json, "vfIndex", c.FunctionIndex);
        Text(json, "netdev", c.Netdev);
        Text(json, "linkType", c.LinkType);
        json.WriteStartArray("deviceSpecs");
        foreach (var node in d.Nodes)
        {
            json.WriteStartObject();
            json.WriteString("hostPath", node.HostPath);
            json.WriteString("containerPath", node.ContainerPath);
            json.WriteString("permissions", node.Permissions);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("env");
        foreach (var provider in d.Env)
        {
            json.WriteStartObject(provider.Name);
            foreach (var (k, v) in provider.Values)
            {
                json.WriteString(k, v);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
