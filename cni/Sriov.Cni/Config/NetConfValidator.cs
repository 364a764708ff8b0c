using System.Globalization;
using Sriov.Cni.Skel;
using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Host.VfControl;

namespace Sriov.Cni.Config;

/// <summary>
/// The value rules, checked before anything changes on the host. Upstream's rules (spec cni.md §1.4: VLAN, QoS and
/// protocol, link_state) with its messages' meaning, plus what upstream leaves to the kernel or lets through (decided in
/// docs/decisions.md): a malformed or non-unicast MAC, negative rates, min above max, spoofchk/trust other than
/// "on"/"off", a deviceID that is not a PCI address, and a logFile outside /var/log. Every error is code 7 naming the key
/// and the value (CNI_ARGS MAC: code 4).
/// </summary>
internal static class NetConfValidator
{
    /// <summary>Checks an ADD/CHECK config and returns the PF-side settings it asks for.</summary>
    public static PfSettings Validate(NetConf conf, CniArgs args)
    {
        ArgumentNullException.ThrowIfNull(conf);
        ArgumentNullException.ThrowIfNull(args);
        CheckDeviceId(conf.DeviceId);
        CheckLogFile(conf.LogFile);
        return new PfSettings
        {
            Vlan = Vlan(conf),
            Mac = Mac(conf, args),
            Rate = Rate(conf),
            SpoofCheck = OnOff("spoofchk", conf.SpoofChk),
            Trust = OnOff("trust", conf.Trust),
            LinkState = LinkState(conf.LinkState),
        };
    }

    public static void CheckDeviceId(string deviceId)
    {
        if (deviceId.Length == 0)
        {
            throw Invalid("deviceID is required: the VF's PCI address, such as 0000:af:06.0 (Multus sets it from the device plugin's allocation)");
        }

        // The kernel's sysfs name: 4 hex digits of domain, lower case. The value becomes part of lock and record paths.
        if (!PciAddress.TryParse(deviceId, out var address) || address.ToString() != deviceId || deviceId.Length != 12)
        {
            throw Invalid($"deviceID \"{deviceId}\" is not a PCI address in the form DDDD:BB:DD.F (lower-case hex, such as 0000:af:06.0)");
        }
    }

    /// <summary><c>logFile</c> must be an absolute path under /var/log with no <c>..</c> segment; null or empty is fine.</summary>
    public static void CheckLogFile(string? logFile)
    {
        if (LogFileProblem(logFile) is { } problem)
        {
            throw Invalid(problem);
        }
    }

    public static string? LogFileProblem(string? logFile)
    {
        if (string.IsNullOrEmpty(logFile))
        {
            return null;
        }

        var segments = logFile.Split('/');
        return !logFile.StartsWith("/var/log/", StringComparison.Ordinal) || logFile.EndsWith('/')
            || segments.Any(s => s is ".." or ".") || logFile.Contains('\0', StringComparison.Ordinal)
            ? $"logFile \"{logFile}\" must name a file under /var/log with no \".\" or \"..\" segments"
            : null;
    }

    private static (int, int, VlanProtocol?)? Vlan(NetConf conf)
    {
        if (conf.Vlan is not { } vlan)
        {
            if (conf.VlanQos is { } qosWithout)
            {
                throw Invalid(string.Create(CultureInfo.InvariantCulture, $"vlanQoS {qosWithout} is set but vlan is not: vlan id must be configured to set vlan QoS"));
            }

            if (conf.VlanProto is { } protoWithout)
            {
                throw Invalid($"vlanProto \"{protoWithout}\" is set but vlan is not: vlan id must be configured to set vlan proto");
            }

            return null;
        }

        if (vlan is < 0 or > 4094)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"vlan {vlan} is invalid: value must be in the range 0-4094"));
        }

        var qos = conf.VlanQos ?? 0;
        if (qos is < 0 or > 7)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"vlanQoS {qos} is invalid: value must be in the range 0-7"));
        }

        if (qos != 0 && vlan == 0)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"vlanQoS {qos} needs a non-zero vlan (vlan is 0)"));
        }

        VlanProtocol? protocol = conf.VlanProto switch
        {
            null => null,
            "802.1q" => VlanProtocol.Dot1Q,
            "802.1ad" => VlanProtocol.Dot1AD,
            _ => throw Invalid($"vlanProto \"{conf.VlanProto}\" is invalid: value must be \"802.1q\" or \"802.1ad\""),
        };
        if (protocol == VlanProtocol.Dot1AD && vlan == 0)
        {
            throw Invalid("vlanProto \"802.1ad\" needs a non-zero vlan (vlan is 0)");
        }

        return (vlan, qos, protocol);
    }

    /// <summary>Precedence as upstream (spec cni.md §1.3): <c>mac</c> &lt; CNI_ARGS <c>MAC</c> &lt; <c>runtimeConfig.mac</c>.</summary>
    private static MacAddress? Mac(NetConf conf, CniArgs args)
    {
        var configMac = ParseMac("mac", conf.Mac, CniErrorCode.InvalidNetworkConfig);
        var argsMac = ParseMac("CNI_ARGS MAC", args.Mac, CniErrorCode.InvalidEnvironment);
        var runtimeMac = ParseMac("runtimeConfig.mac", conf.RuntimeMac, CniErrorCode.InvalidNetworkConfig);
        return runtimeMac ?? argsMac ?? configMac;
    }

    private static MacAddress? ParseMac(string key, string? text, int code)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!MacAddress.TryParse(text, out var mac))
        {
            throw new CniException(code, $"{key} \"{text}\" is not a MAC address: expected six hex octets such as 02:00:00:00:00:01");
        }

        if (!mac.IsValidUnicast)
        {
            throw new CniException(code, $"{key} \"{text}\" is {(mac.IsZero ? "all zeros" : "a multicast address")}: a VF needs a unicast MAC");
        }

        return mac;
    }

    private static (int, int)? Rate(NetConf conf)
    {
        if (conf.MinTxRate is null && conf.MaxTxRate is null)
        {
            return null;
        }

        var min = conf.MinTxRate ?? 0;
        var max = conf.MaxTxRate ?? 0;
        if (min < 0)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"min_tx_rate {min} is invalid: a rate in Mbps cannot be negative"));
        }

        if (max < 0)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"max_tx_rate {max} is invalid: a rate in Mbps cannot be negative"));
        }

        if (max != 0 && min > max)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"min_tx_rate {min} is above max_tx_rate {max}"));
        }

        return (min, max);
    }

    private static bool? OnOff(string key, string? value) => value switch
    {
        null or "" => null,
        "on" => true,
        "off" => false,
        _ => throw Invalid($"{key} \"{value}\" is invalid: value must be \"on\" or \"off\""),
    };

    private static VfLinkState? LinkState(string? value) => value switch
    {
        null or "" => null,
        "auto" => VfLinkState.Auto,
        "enable" => VfLinkState.Enable,
        "disable" => VfLinkState.Disable,
        _ => throw Invalid($"link_state \"{value}\" is invalid: value must be \"auto\", \"enable\" or \"disable\""),
    };

    private static CniException Invalid(string message) => new(CniErrorCode.InvalidNetworkConfig, message);
}
