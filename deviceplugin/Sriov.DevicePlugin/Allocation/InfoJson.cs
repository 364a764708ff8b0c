using System.Text;
using System.Text.Json;
using Sriov.DevicePlugin.Devices;

namespace Sriov.DevicePlugin.Allocation;

/// <summary>
/// The <c>_INFO</c> env value: <c>{"&lt;id&gt;":{"&lt;provider&gt;":{"k":"v"}}}</c> with every level's keys sorted, as
/// Go's encoding/json writes maps, so consumers that compare strings see upstream's bytes.
/// </summary>
internal static class InfoJson
{
    public static string Write(IEnumerable<PoolDevice> devices)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var device in devices.DistinctBy(d => d.Id).OrderBy(d => d.Id, StringComparer.Ordinal))
            {
                json.WritePropertyName(device.Id);
                json.WriteStartObject();
                foreach (var provider in device.Env.OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    json.WritePropertyName(provider.Name);
                    json.WriteStartObject();
                    foreach (var (key, value) in provider.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
                    {
                        json.WriteString(key, value);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
