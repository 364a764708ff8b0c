using System.Text.Json;
using Sriov.Cni.Logging;
using Sriov.Cni.Skel;

namespace Sriov.Cni.Config;

/// <summary>
/// Parses stdin into a <see cref="NetConf"/>: JSON (code 6 when it is not, or when <c>cniVersion</c> is not a string),
/// the version (code 1 when unsupported), the network name (code 7), and the type of every key it knows (code 7 naming
/// the key and the value). Keys match as Go's <c>encoding/json</c> matches them (<see cref="JsonFields"/>), unknown keys
/// are ignored, as upstream does. Value rules are <see cref="NetConfValidator"/>'s.
/// </summary>
internal static class NetConfLoader
{
    // Go struct order of upstream's NetConf (embedded types.NetConf first): the order case-insensitive matches try.
    // Master, MTU, VFID and OrigVfState are internal fields a config can name by accident; they are matched (so they do
    // not fall through to another field) and ignored.
    private static readonly string[] Fields =
    [
        "cniVersion", "name", "type", "capabilities", "ipam", "dns", "prevResult", "OrigVfState", "Master", "MAC", "MTU",
        "vlan", "vlanQoS", "vlanProto", "deviceID", "VFID", "min_tx_rate", "max_tx_rate", "spoofchk", "trust", "link_state",
        "runtimeConfig", "logLevel", "logFile", "cni.dev/valid-attachments", "cni.dev/attachments",
    ];

    /// <summary>Reads only <c>cniVersion</c> (VERSION); null when stdin is empty or has none.</summary>
    public static string? PeekVersion(byte[] stdin)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        if (stdin.AsSpan().Trim((byte)' ').IsEmpty)
        {
            return null;
        }

        using var document = Parse(stdin);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("cniVersion", out var version)
            ? version.ValueKind == JsonValueKind.String
                ? version.GetString()
                : throw new CniException(CniErrorCode.DecodingFailure, $"cniVersion: expected a string, got {JsonFields.Describe(version)}")
            : null;
    }

    public static NetConf Load(byte[] stdin)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        using var document = Parse(stdin);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"the network configuration must be a JSON object, not {JsonFields.Describe(root)}");
        }

        var f = JsonFields.Of(root, Fields);
        string version;
        try
        {
            version = CniVersion.Normalize(f.String("cniVersion"));
        }
        catch (CniException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, e.Message);
        }

        CniVersion.EnsureSupported(version);
        var name = f.String("name") ?? string.Empty;
        CheckName(name);

        var ipam = f.Object("ipam");
        string? ipamType = null;
        if (ipam is { } ipamObject)
        {
            ipamType = JsonFields.Of(ipamObject, ["type"], "ipam.").String("type");
        }

        string? runtimeMac = null;
        if (f.Object("runtimeConfig") is { } runtimeConfig)
        {
            runtimeMac = JsonFields.Of(runtimeConfig, ["mac"], "runtimeConfig.").String("mac");
        }

        var logLevelText = f.String("logLevel");
        return new NetConf
        {
            Raw = stdin,
            CniVersion = version,
            Name = name,
            Type = f.String("type"),
            DeviceId = f.String("deviceID") ?? string.Empty,
            Vlan = f.Int("vlan"),
            VlanQos = f.Int("vlanQoS"),
            VlanProto = f.String("vlanProto")?.ToLowerInvariant(),
            Mac = f.String("MAC"),
            SpoofChk = f.String("spoofchk"),
            Trust = f.String("trust"),
            LinkState = f.String("link_state"),
            MinTxRate = f.Int("min_tx_rate"),
            MaxTxRate = f.Int("max_tx_rate"),
            Ipam = ipam?.Clone(),
            IpamType = ipamType,
            Dns = f.Object("dns")?.Clone(),
            Capabilities = f.Object("capabilities")?.Clone(),
            RuntimeMac = runtimeMac,
            PrevResult = f.Object("prevResult")?.Clone(),
            LogLevelText = logLevelText,
            LogLevel = ParseLogLevel(logLevelText),
            LogFile = f.String("logFile"),
            ValidAttachments = ReadAttachments(f),
        };
    }

    /// <summary>upstream's levels; an unknown or empty value is <c>info</c>, as upstream falls back.</summary>
    public static LogLevel ParseLogLevel(string? text) => text?.ToLowerInvariant() switch
    {
        "panic" => LogLevel.Panic,
        "error" => LogLevel.Error,
        "warning" => LogLevel.Warning,
        "debug" => LogLevel.Debug,
        _ => LogLevel.Info,
    };

    /// <summary>libcni's rule for network names: non-empty, <c>^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$</c>.</summary>
    public static void CheckName(string name)
    {
        if (name.Length == 0)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "missing network name (name)");
        }

        var valid = char.IsAsciiLetterOrDigit(name[0]);
        foreach (var c in name)
        {
            valid &= char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';
        }

        if (!valid)
        {
            throw new CniException(
                CniErrorCode.InvalidNetworkConfig,
                $"name \"{name}\" is invalid: it must start with a letter or digit and contain only letters, digits, '_', '.' and '-'");
        }
    }

    private static JsonDocument Parse(byte[] stdin)
    {
        try
        {
            return JsonDocument.Parse(stdin, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"the network configuration on stdin is not valid JSON: {e.Message}");
        }
    }

    private static List<Attachment>? ReadAttachments(JsonFields f)
    {
        var array = f.Array("cni.dev/valid-attachments") ?? f.Array("cni.dev/attachments");
        if (array is not { } items)
        {
            return null;
        }

        var list = new List<Attachment>();
        foreach (var item in items.EnumerateArray())
        {
            var a = JsonFields.Of(item, ["containerID", "ifname"], "cni.dev/valid-attachments[].");
            list.Add(new Attachment(a.String("containerID") ?? string.Empty, a.String("ifname") ?? string.Empty));
        }

        return list;
    }
}
