using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sriov.Operator.Tests.Networks;

/// <summary>
/// An independent check of a NAD config against the <c>sriov</c> CNI's netconf rules (cni.md §1.2 and §1.4:
/// the dispatcher's name and version checks, then LoadConf's VLAN, link-state and type rules). It stands in for our
/// CNI's own config parser until <c>cni/Sriov.Cni</c> has one; then the acceptance test must call that parser instead.
/// Returns the first rejection, or null when the CNI would accept the config (given a deviceID from Multus).
/// </summary>
internal static partial class SriovNetconfRules
{
    private static readonly HashSet<string> Versions = ["0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];

    /// <summary>Every key the sriov CNI reads (cni.md §1.2). Anything else would be silently ignored by it, which for
    /// rendered output means a renderer bug, so it is rejected here.</summary>
    private static readonly HashSet<string> Keys =
    [
        "cniVersion", "name", "type", "deviceID", "vlan", "vlanQoS", "vlanProto", "mac", "spoofchk", "trust",
        "link_state", "min_tx_rate", "max_tx_rate", "ipam", "dns", "runtimeConfig", "capabilities", "logLevel",
        "logFile", "prevResult",
    ];

    public static string? Check(string config)
    {
        using var doc = JsonDocument.Parse(config);
        var root = doc.RootElement;
        var version = Str(root, "cniVersion");
        if (version is null || !Versions.Contains(version))
        {
            return $"code 1: unsupported cniVersion {version}";
        }

        var name = Str(root, "name");
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name))
        {
            return "code 7: invalid network name";
        }

        var plugin = root;
        if (root.TryGetProperty("plugins", out var plugins))
        {
            plugin = plugins.EnumerateArray().FirstOrDefault(p => Str(p, "type") == "sriov");
            if (plugin.ValueKind != JsonValueKind.Object)
            {
                return "no sriov plugin in the chain";
            }
        }

        return CheckPlugin(plugin);
    }

    private static string? CheckPlugin(JsonElement p)
    {
        if (Str(p, "type") != "sriov")
        {
            return "type is not sriov";
        }

        foreach (var property in p.EnumerateObject())
        {
            if (!Keys.Contains(property.Name))
            {
                return $"unknown key {property.Name}";
            }
        }

        var error = Type(p, "vlan", JsonValueKind.Number) ?? Type(p, "vlanQoS", JsonValueKind.Number)
            ?? Type(p, "min_tx_rate", JsonValueKind.Number) ?? Type(p, "max_tx_rate", JsonValueKind.Number)
            ?? Type(p, "vlanProto", JsonValueKind.String) ?? Type(p, "spoofchk", JsonValueKind.String)
            ?? Type(p, "trust", JsonValueKind.String) ?? Type(p, "link_state", JsonValueKind.String)
            ?? Type(p, "logLevel", JsonValueKind.String) ?? Type(p, "logFile", JsonValueKind.String)
            ?? Type(p, "ipam", JsonValueKind.Object) ?? Type(p, "capabilities", JsonValueKind.Object);
        if (error is not null)
        {
            return error;
        }

        var hasVlan = p.TryGetProperty("vlan", out var vlanElement);
        var vlan = hasVlan ? vlanElement.GetInt32() : 0;
        var hasQos = p.TryGetProperty("vlanQoS", out var qosElement);
        var qos = hasQos ? qosElement.GetInt32() : 0;
        var proto = Str(p, "vlanProto")?.ToLowerInvariant();
        if (!hasVlan && hasQos)
        {
            return "vlan id must be configured to set vlan QoS to a non-nil value";
        }

        if (!hasVlan && proto is not null)
        {
            return "vlan id must be configured to set vlan proto to a non-nil value";
        }

        if (vlan is < 0 or > 4094)
        {
            return $"vlan id {vlan} invalid: value must be in the range 0-4094";
        }

        if (qos is < 0 or > 7)
        {
            return $"vlan QoS PCP {qos} invalid: value must be in the range 0-7";
        }

        if (qos != 0 && vlan == 0)
        {
            return "non-zero vlan id must be configured to set vlan QoS to a non-zero value";
        }

        if (proto is not null and not ("802.1q" or "802.1ad"))
        {
            return $"vlan Proto {proto} invalid";
        }

        if (proto == "802.1ad" && vlan == 0)
        {
            return "non-zero vlan id must be configured to set vlan proto 802.1ad";
        }

        if (Str(p, "link_state") is { } state && state is not ("auto" or "enable" or "disable"))
        {
            return $"invalid link_state value: {state}";
        }

        if (Str(p, "logLevel") is { } level && level is not ("panic" or "error" or "warning" or "info" or "debug"))
        {
            return $"logLevel {level} is not one the CNI knows (it would fall back to info)";
        }

        return null;
    }

    private static string? Str(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Type(JsonElement e, string key, JsonValueKind kind) =>
        e.TryGetProperty(key, out var v) && v.ValueKind != kind ? $"failed to load netconf: {key} has JSON type {v.ValueKind}" : null;

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$")]
    private static partial Regex NamePattern();
}
