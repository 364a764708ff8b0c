using System.Globalization;
using System.Text.RegularExpressions;
using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

namespace Sriov.Sim.Scenario;

/// <summary>
/// A scripted sequence of sysfs and netlink operations on one PF, run by <see cref="ScenarioRunner"/> against the real
/// kernel or the simulator. One operation per line, <c>#</c> starts a comment; VFs are named by number, the PF by
/// <c>pf</c>; interface and namespace names are short (the simulator puts its node token in front of them):
/// <code>
/// numvfs 2                  # PciControl.SetNumVfsAsync
/// vf-vlan 0 100 qos 3       # IVfControl.SetVlan
/// netns-add a
/// move 1 a as pod1          # RouteNetlink.MoveToNetns with a rename
/// </code>
/// </summary>
internal sealed partial class ScenarioScript
{
    /// <summary>Longest name a script may give an interface: 15 bytes (IFNAMSIZ - 1) minus the simulator's 5-character token.</summary>
    public const int MaxNameLength = 10;

    private ScenarioScript(string name, IReadOnlyList<ScenarioOp> ops)
    {
        Name = name;
        Ops = ops;
    }

    public string Name { get; }

    public IReadOnlyList<ScenarioOp> Ops { get; }

    /// <summary>Parses a script; throws <see cref="FormatException"/> naming the script, the line and the problem.</summary>
    public static ScenarioScript Parse(string name, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(text);
        if (!NamePattern().IsMatch(name))
        {
            throw new FormatException($"scenario name '{name}' must be letters, digits and '-'");
        }

        var ops = new List<ScenarioOp>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var words = (hash >= 0 ? line[..hash] : line).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            try
            {
                ops.Add(ParseOp(words) with { Line = i + 1 });
            }
            catch (FormatException e)
            {
                throw new FormatException($"scenario {name} line {i + 1} ('{string.Join(' ', words)}'): {e.Message}", e);
            }
        }

        if (ops.Count == 0)
        {
            throw new FormatException($"scenario {name} has no operations");
        }

        return new ScenarioScript(name, ops);
    }

    private static ScenarioOp ParseOp(string[] w)
    {
        var text = string.Join(' ', w);
        var kind = w[0] switch
        {
            "discover" => ScenarioOpKind.Discover,
            "numvfs" => ScenarioOpKind.NumVfs,
            "numvfs-raw" => ScenarioOpKind.NumVfsRaw,
            "bind" => ScenarioOpKind.Bind,
            "bind-default" => ScenarioOpKind.BindDefault,
            "unbind" => ScenarioOpKind.Unbind,
            "wait-netdev" => ScenarioOpKind.WaitNetdev,
            "vf-mac" => ScenarioOpKind.VfMac,
            "vf-vlan" => ScenarioOpKind.VfVlan,
            "vf-rate" => ScenarioOpKind.VfRate,
            "vf-spoofchk" => ScenarioOpKind.VfSpoofCheck,
            "vf-trust" => ScenarioOpKind.VfTrust,
            "vf-state" => ScenarioOpKind.VfLinkState,
            "vf-node-guid" => ScenarioOpKind.VfNodeGuid,
            "vf-port-guid" => ScenarioOpKind.VfPortGuid,
            "vf-get" => ScenarioOpKind.VfGet,
            "pf-down" => ScenarioOpKind.PfDown,
            "pf-up" => ScenarioOpKind.PfUp,
            "wait-carrier" => ScenarioOpKind.WaitCarrier,
            "netns-add" => ScenarioOpKind.NetnsAdd,
            "netns-del" => ScenarioOpKind.NetnsDelete,
            "move" => ScenarioOpKind.Move,
            "move-home" => ScenarioOpKind.MoveHome,
            "rename" => ScenarioOpKind.Rename,
            "mtu" => ScenarioOpKind.Mtu,
            "link-up" => ScenarioOpKind.LinkUp,
            "link-down" => ScenarioOpKind.LinkDown,
            "link-mac" => ScenarioOpKind.LinkMac,
            _ => throw new FormatException($"unknown operation '{w[0]}'"),
        };
        var op = new ScenarioOp { Kind = kind, Text = text };
        return kind switch
        {
            ScenarioOpKind.Discover or ScenarioOpKind.PfDown or ScenarioOpKind.PfUp or ScenarioOpKind.WaitCarrier => Arity(w, 1, op),
            ScenarioOpKind.NumVfs or ScenarioOpKind.NumVfsRaw => Arity(w, 2, op) with { Number = Int(w[1], "VF count", 0, 65535) },
            ScenarioOpKind.Bind => Arity(w, 3, Function(op, w[1], allowPf: true)) with { Word = Driver(w[2]) },
            ScenarioOpKind.BindDefault or ScenarioOpKind.Unbind or ScenarioOpKind.WaitNetdev => Arity(w, 2, Function(op, w[1], allowPf: true)),
            ScenarioOpKind.VfMac or ScenarioOpKind.LinkMac => Arity(w, 3, Function(op, w[1])) with { Mac = Mac(w[2]) },
            ScenarioOpKind.VfVlan => Vlan(w, Function(op, w[1])),
            ScenarioOpKind.VfRate => Arity(w, 4, Function(op, w[1])) with
            {
                Number = Int(w[2], "minimum rate", 0, int.MaxValue),
                Number2 = Int(w[3], "maximum rate", 0, int.MaxValue),
            },
            ScenarioOpKind.VfSpoofCheck or ScenarioOpKind.VfTrust => Arity(w, 3, Function(op, w[1])) with { Flag = OnOff(w[2]) },
            ScenarioOpKind.VfLinkState => Arity(w, 3, Function(op, w[1])) with { LinkState = LinkState(w[2]) },
            ScenarioOpKind.VfNodeGuid or ScenarioOpKind.VfPortGuid => Arity(w, 3, Function(op, w[1])) with { Guid = Guid(w[2]) },
            ScenarioOpKind.VfGet or ScenarioOpKind.MoveHome or ScenarioOpKind.LinkUp or ScenarioOpKind.LinkDown => Arity(w, 2, Function(op, w[1])),
            ScenarioOpKind.NetnsAdd or ScenarioOpKind.NetnsDelete => Arity(w, 2, op) with { Word = ParseName(w[1], "namespace") },
            ScenarioOpKind.Move => Move(w, Function(op, w[1])),
            ScenarioOpKind.Rename => Arity(w, 3, Function(op, w[1])) with { Word = ParseName(w[2], "interface") },
            ScenarioOpKind.Mtu => Arity(w, 3, Function(op, w[1])) with { Number = Int(w[2], "MTU", 68, 65535) },
            _ => throw new FormatException($"operation '{w[0]}' has no parser"),
        };
    }

    private static ScenarioOp Arity(string[] w, int count, ScenarioOp op) =>
        w.Length == count ? op : throw new FormatException($"'{w[0]}' takes {count - 1} argument(s), got {w.Length - 1}");

    private static ScenarioOp Function(ScenarioOp op, string word, bool allowPf = false) =>
        word == "pf"
            ? allowPf ? op with { OnPf = true } : throw new FormatException("this operation takes a VF number, not 'pf'")
            : op with { Vf = Int(word, "VF number", 0, 255) };

    private static ScenarioOp Vlan(string[] w, ScenarioOp op)
    {
        if (w.Length < 3)
        {
            throw new FormatException("'vf-vlan' takes VF VLAN [qos Q] [proto 802.1Q|802.1ad]");
        }

        op = op with { Number = Int(w[2], "VLAN", 0, 4095) };
        for (var i = 3; i < w.Length; i += 2)
        {
            if (i + 1 >= w.Length)
            {
                throw new FormatException($"'{w[i]}' needs a value");
            }

            op = w[i] switch
            {
                "qos" => op with { Number2 = Int(w[i + 1], "QoS", 0, 7) },
                "proto" => op with
                {
                    Protocol = w[i + 1].ToUpperInvariant() switch
                    {
                        "802.1Q" => VlanProtocol.Dot1Q,
                        "802.1AD" => VlanProtocol.Dot1AD,
                        _ => throw new FormatException($"proto '{w[i + 1]}' is neither 802.1Q nor 802.1ad"),
                    },
                },
                _ => throw new FormatException($"unknown vf-vlan option '{w[i]}' (qos, proto)"),
            };
        }

        return op;
    }

    private static ScenarioOp Move(string[] w, ScenarioOp op) => w.Length switch
    {
        3 => op with { Word = ParseName(w[2], "namespace") },
        5 when w[3] == "as" => op with { Word = ParseName(w[2], "namespace"), NewName = ParseName(w[4], "interface") },
        _ => throw new FormatException("'move' takes VF NS [as NAME]"),
    };

    private static int Int(string word, string what, int min, int max) =>
        int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"{what} '{word}' is not a number from {min} to {max}");

    private static MacAddress Mac(string word) =>
        MacAddress.TryParse(word, out var mac) ? mac : throw new FormatException($"'{word}' is not a MAC address (02:00:00:00:00:01)");

    private static bool OnOff(string word) => word switch
    {
        "on" => true,
        "off" => false,
        _ => throw new FormatException($"'{word}' is neither on nor off"),
    };

    private static VfLinkState LinkState(string word) => word switch
    {
        "auto" => VfLinkState.Auto,
        "enable" => VfLinkState.Enable,
        "disable" => VfLinkState.Disable,
        _ => throw new FormatException($"link state '{word}' is not auto, enable or disable"),
    };

    private static ulong Guid(string word)
    {
        var hex = word.Replace(":", "", StringComparison.Ordinal);
        return hex.Length == 16 && ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var guid)
            ? guid
            : throw new FormatException($"'{word}' is not a GUID (eight colon-separated hex octets)");
    }

    private static string Driver(string word) =>
        DriverPattern().IsMatch(word) ? word : throw new FormatException($"'{word}' is not a driver name");

    private static string ParseName(string word, string what) =>
        word.Length <= MaxNameLength && NamePattern().IsMatch(word)
            ? word
            : throw new FormatException($"{what} name '{word}' must be 1-{MaxNameLength} letters, digits and '-'");

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex DriverPattern();
}
