using System.Globalization;
using Sriov.Host.Netlink;

namespace Sriov.Host.VfControl;

/// <summary>
/// The operation text of every VF request, shared by the netlink implementation and the driver emulator so that both
/// produce identical errors (<c>set VF 3 VLAN 100 on ens1f0: Operation not supported (EOPNOTSUPP)</c>).
/// </summary>
public static class VfOperations
{
    public static string Get(string pf) => $"get VFs of {pf}";

    public static string Mac(string pf, int vf, MacAddress mac) => Set(pf, vf, $"MAC {mac}");

    public static string Vlan(string pf, int vf, int vlan, int qos, VlanProtocol? protocol)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"VLAN {vlan}");
        if (qos != 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" QoS {qos}");
        }

        if (protocol is { } p)
        {
            text += " proto " + ProtocolName(p);
        }

        return Set(pf, vf, text);
    }

    public static string Rate(string pf, int vf, int minMbps, int maxMbps) =>
        Set(pf, vf, string.Create(CultureInfo.InvariantCulture, $"rate min {minMbps} max {maxMbps} Mbps"));

    public static string SpoofCheck(string pf, int vf, bool enabled) => Set(pf, vf, "spoofchk " + OnOff(enabled));

    public static string Trust(string pf, int vf, bool trusted) => Set(pf, vf, "trust " + OnOff(trusted));

    public static string LinkState(string pf, int vf, VfLinkState state) =>
        Set(pf, vf, "link state " + state.ToString().ToLowerInvariant());

    public static string NodeGuid(string pf, int vf, ulong value) => Set(pf, vf, "node GUID " + FormatGuid(value));

    public static string PortGuid(string pf, int vf, ulong value) => Set(pf, vf, "port GUID " + FormatGuid(value));

    /// <summary><c>802.1Q</c> / <c>802.1ad</c>, as iproute2 prints them.</summary>
    public static string ProtocolName(VlanProtocol protocol) => protocol switch
    {
        VlanProtocol.Dot1Q => "802.1Q",
        VlanProtocol.Dot1AD => "802.1ad",
        _ => string.Create(CultureInfo.InvariantCulture, $"0x{(ushort)protocol:x4}"),
    };

    /// <summary>A GUID as iproute2 and sriov-cni write it: eight colon-separated hex octets.</summary>
    public static string FormatGuid(ulong value) => ColonHex.Format(value, 8);

    private static string Set(string pf, int vf, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"set VF {vf} {what} on {pf}");

    private static string OnOff(bool value) => value ? "on" : "off";
}
