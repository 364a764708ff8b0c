using System.Text.Json;
using Sriov.Cni.Config;
using Sriov.Cni.Skel;
using Sriov.Host.Json;
using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

namespace Sriov.Cni.Journal;

/// <summary>
/// The journal's file format: upstream sriov-cni's cache (spec cni.md §2.7: keys sorted as Go writes them, <c>null</c>
/// for absent pointers, Go field names for the internal ones) plus one key of ours, <c>journal</c>, with the progress and
/// what upstream's format cannot carry (netns and its inode, mode, ifindex, altnames, the ADD's full config). Go's
/// decoder ignores unknown keys, so an upstream plugin reads our files as its own; we read upstream's, matching keys as
/// Go does (case-insensitively) and taking <c>null</c> as absent. A file without <c>journal</c> is an upstream cache of
/// a completed ADD.
/// </summary>
internal static class JournalCodec
{
    public const int Format = 1;

    private static readonly string[] TopFields =
    [
        "cniVersion", "name", "type", "capabilities", "ipam", "dns", "OrigVfState", "Master", "MAC", "MTU", "vlan", "vlanQoS",
        "vlanProto", "deviceID", "VFID", "min_tx_rate", "max_tx_rate", "spoofchk", "trust", "link_state", "runtimeConfig",
        "logLevel", "logFile", "journal",
    ];

    private static readonly string[] OrigFields =
    [
        "AdminMAC", "EffectiveMAC", "SpoofChk", "Trust", "LinkState", "MinTxRate", "MaxTxRate", "Vlan", "VlanQoS", "VlanProto",
        "HostIFName", "MTU",
    ];

    private static readonly string[] JournalFields =
    [
        "format", "phase", "containerID", "ifname", "netns", "netnsInode", "mode", "driver", "pfReported", "hostIfIndex",
        "altNames", "issued", "origUnknown", "pfRestored", "ipamReleased", "netconf",
    ];

    public static byte[] Write(AttachmentJournal j)
    {
        ArgumentNullException.ThrowIfNull(j);
        var r = j.Requested;
        var c = j.Config;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, MinimalJsonEncoder.WriterOptions))
        {
            // Keys in byte order, as Go's encoding of upstream's map writes them.
            w.WriteStartObject();
            w.WriteString("MAC", r.Mac?.ToString() ?? string.Empty);
            w.WriteNumber("MTU", j.Mtu);
            w.WriteString("Master", j.PfName);
            WriteOriginal(w, j.Original);
            w.WriteNumber("VFID", j.VfIndex);
            if (c?.Capabilities is { } capabilities)
            {
                w.WritePropertyName("capabilities");
                capabilities.WriteTo(w);
            }

            w.WriteString("cniVersion", j.CniVersion);
            w.WriteString("deviceID", j.DeviceId);
            if (c?.Dns is { } dns)
            {
                w.WritePropertyName("dns");
                dns.WriteTo(w);
            }

            w.WritePropertyName("ipam");
            if (c?.Ipam is { } ipam)
            {
                ipam.WriteTo(w);
            }
            else
            {
                w.WriteStartObject();
                w.WriteString("type", j.IpamType ?? string.Empty);
                w.WriteEndObject();
            }

            WriteProgress(w, j);
            if (r.LinkState is { } state)
            {
                w.WriteString("link_state", PfSettings.LinkStateName(state));
            }

            WriteOptional(w, "logFile", c?.LogFile);
            WriteOptional(w, "logLevel", c?.LogLevelText);
            WriteNullable(w, "max_tx_rate", r.Rate?.Max);
            WriteNullable(w, "min_tx_rate", r.Rate?.Min);
            w.WriteString("name", j.NetworkName);
            w.WriteStartObject("runtimeConfig");
            WriteOptional(w, "mac", c?.RuntimeMac);
            w.WriteEndObject();
            if (r.SpoofCheck is { } spoof)
            {
                w.WriteString("spoofchk", spoof ? "on" : "off");
            }

            if (r.Trust is { } trust)
            {
                w.WriteString("trust", trust ? "on" : "off");
            }

            w.WriteString("type", c?.Type ?? "sriov");
            WriteNullable(w, "vlan", r.Vlan?.Id);
            if (r.Vlan is { } vlan)
            {
                w.WriteString("vlanProto", vlan.Protocol == VlanProtocol.Dot1AD ? "802.1ad" : "802.1q");
                w.WriteNumber("vlanQoS", vlan.Qos);
            }
            else
            {
                w.WriteNull("vlanProto");
                w.WriteNull("vlanQoS");
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a journal or an upstream cache. <paramref name="attachment"/> is what the caller looked it up by (from the
    /// file name); our journals carry their own. Throws <see cref="JournalFormatException"/> when the file is not one.
    /// </summary>
    public static AttachmentJournal Read(ReadOnlySpan<byte> bytes, Attachment attachment)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray());
        }
        catch (JsonException e)
        {
            throw new JournalFormatException($"not JSON: {e.Message}");
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement, attachment);
            }
            catch (CniException e)
            {
                throw new JournalFormatException(e.Message);
            }
        }
    }

    private static AttachmentJournal Read(JsonElement root, Attachment attachment)
    {
        var f = JsonFields.Of(root, TopFields);
        var deviceId = f.String("deviceID") ?? string.Empty;
        var pf = f.String("Master") ?? string.Empty;
        if (deviceId.Length == 0 || pf.Length == 0)
        {
            throw new JournalFormatException("deviceID or Master is missing");
        }

        var requested = ReadRequested(f);
        var ipamType = f.Object("ipam") is { } ipam ? JsonFields.Of(ipam, ["type"], "ipam.").String("type") : null;
        var journal = new AttachmentJournal
        {
            Attachment = attachment,
            NetworkName = f.String("name") ?? string.Empty,
            CniVersion = CniVersion.Normalize(f.String("cniVersion")),
            DeviceId = deviceId,
            PfName = pf,
            VfIndex = f.Int("VFID") ?? 0,
            Requested = requested,
            Mtu = f.Int("MTU") ?? 0,
            IpamType = ipamType,
        };

        var original = f.Object("OrigVfState") is { } orig ? ReadOriginal(JsonFields.Of(orig, OrigFields, "OrigVfState.")) : new OriginalVfState();
        if (f.Object("journal") is not { } progress)
        {
            // upstream: a completed ADD; every requested setting was applied; DPDK mode is not persisted (spec §3.3),
            // but a VF without a host name had no netdev.
            return journal with
            {
                Original = original with { PfReported = original.AdminMac != default || f.Object("OrigVfState") is not null },
                Phase = JournalPhase.Complete,
                Issued = requested.Requested,
                Mode = string.IsNullOrEmpty(original.HostIfName) ? VfMode.Userspace : VfMode.Netdev,
                Upstream = true,
            };
        }

        var p = JsonFields.Of(progress, JournalFields, "journal.");
        var unknown = Names(p, "origUnknown");
        NetConf? config = null;
        if (p.Object("netconf") is { } netconf)
        {
            config = NetConfLoader.Load(System.Text.Encoding.UTF8.GetBytes(netconf.GetRawText()));
        }

        var cid = p.String("containerID");
        var ifName = p.String("ifname");
        return journal with
        {
            Attachment = cid is { Length: > 0 } && ifName is { Length: > 0 } ? new Attachment(cid, ifName) : attachment,
            NetnsPath = p.String("netns") ?? string.Empty,
            NetnsInode = p.Long("netnsInode") is { } inode ? (ulong)inode : null,
            Mode = p.String("mode") == "userspace" ? VfMode.Userspace : VfMode.Netdev,
            Driver = p.String("driver"),
            Original = original with
            {
                PfReported = p.Bool("pfReported") ?? false,
                HostIfIndex = p.Int("hostIfIndex") ?? 0,
                AltNames = Names(p, "altNames"),
                SpoofCheck = unknown.Contains("spoofchk") ? null : original.SpoofCheck,
                Trust = unknown.Contains("trust") ? null : original.Trust,
                LinkState = unknown.Contains("link_state") ? null : original.LinkState,
            },
            Phase = ParsePhase(p.String("phase")),
            Issued = [.. Names(p, "issued").Select(ParseSetting)],
            PfRestored = p.Bool("pfRestored") ?? false,
            IpamReleased = p.Bool("ipamReleased") ?? false,
            Config = config,
        };
    }

    private static PfSettings ReadRequested(JsonFields f)
    {
        (int, int, VlanProtocol?)? vlan = null;
        if (f.Int("vlan") is { } id)
        {
            var proto = f.String("vlanProto")?.ToLowerInvariant() == "802.1ad" ? VlanProtocol.Dot1AD : VlanProtocol.Dot1Q;
            vlan = (id, f.Int("vlanQoS") ?? 0, proto);
        }

        var min = f.Int("min_tx_rate");
        var max = f.Int("max_tx_rate");
        return new PfSettings
        {
            Vlan = vlan,
            Mac = MacAddress.TryParse(f.String("MAC"), out var mac) ? mac : null,
            Rate = min is null && max is null ? null : (min ?? 0, max ?? 0),

            // upstream's rule: "on" enables, any other non-empty value disables (spec cni.md §1.2).
            SpoofCheck = f.String("spoofchk") is { Length: > 0 } s ? s == "on" : null,
            Trust = f.String("trust") is { Length: > 0 } t ? t == "on" : null,
            LinkState = f.String("link_state") switch
            {
                "auto" => VfLinkState.Auto,
                "enable" => VfLinkState.Enable,
                "disable" => VfLinkState.Disable,
                _ => null,
            },
        };
    }

    private static OriginalVfState ReadOriginal(JsonFields o)
    {
        var protocol = o.Int("VlanProto") ?? 0;
        return new OriginalVfState
        {
            AdminMac = MacAddress.TryParse(o.String("AdminMAC"), out var admin) ? admin : default,
            EffectiveMac = MacAddress.TryParse(o.String("EffectiveMAC"), out var effective) ? effective : null,
            SpoofCheck = o.Bool("SpoofChk") ?? false,
            Trust = o.Bool("Trust") ?? false,
            LinkState = (o.Int("LinkState") ?? 0) switch
            {
                1 => VfLinkState.Enable,
                2 => VfLinkState.Disable,
                _ => VfLinkState.Auto,
            },
            MinTxRate = o.Int("MinTxRate") ?? 0,
            MaxTxRate = o.Int("MaxTxRate") ?? 0,
            Vlan = o.Int("Vlan") ?? 0,
            Qos = o.Int("VlanQoS") ?? 0,

            // An old cache may hold 0: upstream treats it as 802.1Q (spec cni.md §3.1).
            VlanProtocol = protocol == (int)VlanProtocol.Dot1AD ? VlanProtocol.Dot1AD : VlanProtocol.Dot1Q,
            HostIfName = o.String("HostIFName") is { Length: > 0 } name ? name : null,
            Mtu = o.Int("MTU") ?? 0,
        };
    }

    private static void WriteOriginal(Utf8JsonWriter w, OriginalVfState o)
    {
        w.WriteStartObject("OrigVfState");
        w.WriteString("AdminMAC", o.PfReported ? o.AdminMac.ToString() : string.Empty);
        w.WriteString("EffectiveMAC", o.EffectiveMac?.ToString() ?? string.Empty);
        w.WriteString("HostIFName", o.HostIfName ?? string.Empty);
        w.WriteNumber("LinkState", (int)(o.LinkState ?? VfLinkState.Auto));
        w.WriteNumber("MTU", o.Mtu);
        w.WriteNumber("MaxTxRate", o.MaxTxRate);
        w.WriteNumber("MinTxRate", o.MinTxRate);
        w.WriteBoolean("SpoofChk", o.SpoofCheck ?? false);
        w.WriteBoolean("Trust", o.Trust ?? false);
        w.WriteNumber("Vlan", o.Vlan);
        w.WriteNumber("VlanProto", (int)o.VlanProtocol);
        w.WriteNumber("VlanQoS", o.Qos);
        w.WriteEndObject();
    }

    private static void WriteProgress(Utf8JsonWriter w, AttachmentJournal j)
    {
        w.WriteStartObject("journal");
        w.WriteNumber("format", Format);
        w.WriteString("phase", PhaseName(j.Phase));
        w.WriteString("containerID", j.Attachment.ContainerId);
        w.WriteString("ifname", j.Attachment.IfName);
        w.WriteString("netns", j.NetnsPath);
        if (j.NetnsInode is { } inode)
        {
            w.WriteNumber("netnsInode", inode);
        }

        w.WriteString("mode", j.Mode == VfMode.Userspace ? "userspace" : "netdev");
        WriteOptional(w, "driver", j.Driver);
        w.WriteBoolean("pfReported", j.Original.PfReported);
        w.WriteNumber("hostIfIndex", j.Original.HostIfIndex);
        WriteNames(w, "altNames", j.Original.AltNames);
        WriteNames(w, "issued", [.. j.Issued.Select(SettingName)]);
        var unknown = new List<string>(3);
        if (j.Original.SpoofCheck is null)
        {
            unknown.Add("spoofchk");
        }

        if (j.Original.Trust is null)
        {
            unknown.Add("trust");
        }

        if (j.Original.LinkState is null)
        {
            unknown.Add("link_state");
        }

        WriteNames(w, "origUnknown", unknown);
        w.WriteBoolean("pfRestored", j.PfRestored);
        w.WriteBoolean("ipamReleased", j.IpamReleased);
        if (j.Config is { } config)
        {
            w.WritePropertyName("netconf");
            w.WriteRawValue(config.Raw, skipInputValidation: false);
        }

        w.WriteEndObject();
    }

    private static string[] Names(JsonFields f, string key) =>
        f.Array(key) is { } array ? [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)] : [];

    private static void WriteNames(Utf8JsonWriter w, string key, IReadOnlyList<string> names)
    {
        w.WriteStartArray(key);
        foreach (var name in names)
        {
            w.WriteStringValue(name);
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

    private static void WriteNullable(Utf8JsonWriter w, string key, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(key, v);
        }
        else
        {
            w.WriteNull(key);
        }
    }

    public static string PhaseName(JournalPhase phase) => phase switch
    {
        JournalPhase.Prepared => "prepared",
        JournalPhase.PfConfig => "pfConfig",
        JournalPhase.MoveIssued => "moveIssued",
        JournalPhase.Moved => "moved",
        JournalPhase.IpamIssued => "ipamIssued",
        JournalPhase.IpamDone => "ipamDone",
        JournalPhase.Complete => "complete",
        JournalPhase.AwaitingReturn => "awaitingReturn",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };

    private static JournalPhase ParsePhase(string? name)
    {
        foreach (var phase in Enum.GetValues<JournalPhase>())
        {
            if (PhaseName(phase) == name)
            {
                return phase;
            }
        }

        throw new JournalFormatException($"journal.phase \"{name}\" is unknown");
    }

    public static string SettingName(PfSetting setting) => setting switch
    {
        PfSetting.Vlan => "vlan",
        PfSetting.Mac => "mac",
        PfSetting.Rate => "rate",
        PfSetting.SpoofCheck => "spoofchk",
        PfSetting.Trust => "trust",
        PfSetting.LinkState => "link_state",
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, null),
    };

    private static PfSetting ParseSetting(string name)
    {
        foreach (var setting in Enum.GetValues<PfSetting>())
        {
            if (SettingName(setting) == name)
            {
                return setting;
            }
        }

        throw new JournalFormatException($"journal.issued: \"{name}\" is not a PF-side setting");
    }
}
