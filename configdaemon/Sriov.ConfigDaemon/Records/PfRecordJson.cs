using System.Text.Json;
using Sriov.Api.NodeStates;

namespace Sriov.ConfigDaemon.Records;

/// <summary>
/// Writes a record exactly as upstream's Go <c>json.Marshal</c> of its <c>Interface</c> does: keys in the struct's
/// order (<c>pciAddress</c>, <c>numVfs</c>, <c>mtu</c>, <c>name</c>, <c>linkType</c>, <c>eSwitchMode</c>, <c>vfGroups</c>,
/// <c>externallyManaged</c>; in each group <c>resourceName</c>, <c>deviceType</c>, <c>vfRange</c>, <c>policyName</c>,
/// <c>mtu</c>, <c>isRdma</c>, <c>vdpaType</c>), every <c>omitempty</c> field left out when zero, false or empty, compact.
/// Then our <c>originalMtu</c> when known.
/// </summary>
internal static class PfRecordJson
{
    public static byte[] Serialize(PfRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var spec = record.Applied;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("pciAddress", spec.PciAddress);
            Number(json, "numVfs", spec.NumVfs);
            Number(json, "mtu", spec.Mtu);
            Text(json, "name", spec.Name);
            Text(json, "linkType", spec.LinkType);
            Text(json, "eSwitchMode", spec.ESwitchMode);
            if (spec.VfGroups is { Count: > 0 } groups)
            {
                json.WriteStartArray("vfGroups");
                foreach (var g in groups)
                {
                    json.WriteStartObject();
                    Text(json, "resourceName", g.ResourceName);
                    Text(json, "deviceType", g.DeviceType);
                    Text(json, "vfRange", g.VfRange);
                    Text(json, "policyName", g.PolicyName);
                    Number(json, "mtu", g.Mtu);
                    Flag(json, "isRdma", g.IsRdma);
                    Text(json, "vdpaType", g.VdpaType);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            Flag(json, "externallyManaged", spec.ExternallyManaged);
            Number(json, "originalMtu", record.OriginalMtu);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Whether two spec entries would be written as the same record (what upstream compares is the content).</summary>
    public static bool SameContent(InterfaceSpec a, InterfaceSpec b) =>
        Serialize(new PfRecord(a)).AsSpan().SequenceEqual(Serialize(new PfRecord(b)));

    private static void Number(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v and not 0)
        {
            json.WriteNumber(name, v);
        }
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }

    private static void Flag(Utf8JsonWriter json, string name, bool? value)
    {
        if (value == true)
        {
            json.WriteBoolean(name, true);
        }
    }
}
