using System.Globalization;

namespace Sriov.Host.VfControl;

/// <summary>
/// Argument checks shared by every <see cref="IVfControl"/> implementation, done before anything is sent so the error
/// names the field and the value. Ranges are the kernel's: VLAN 0-4095 and QoS 0-7 (do_setvfinfo answers EINVAL
/// otherwise), rates as u32 Mbps.
/// </summary>
public static class VfArguments
{
    public static void Check(string pf, int vf)
    {
        ArgumentException.ThrowIfNullOrEmpty(pf);
        if (vf < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(vf), vf, string.Create(CultureInfo.InvariantCulture, $"vf: VF number {vf} of {pf} must be 0 or more"));
        }
    }

    public static void CheckVlan(string pf, int vf, int vlan, int qos, VlanProtocol? protocol)
    {
        Check(pf, vf);
        if (vlan is < 0 or > 4095)
        {
            throw new ArgumentOutOfRangeException(nameof(vlan), vlan, string.Create(CultureInfo.InvariantCulture, $"vlan: {vlan} is not a VLAN id (0-4095)"));
        }

        if (qos is < 0 or > 7)
        {
            throw new ArgumentOutOfRangeException(nameof(qos), qos, string.Create(CultureInfo.InvariantCulture, $"qos: {qos} is not a VLAN priority (0-7)"));
        }

        if (protocol is { } p && !Enum.IsDefined(p))
        {
            throw new ArgumentOutOfRangeException(nameof(protocol), p, string.Create(CultureInfo.InvariantCulture, $"protocol: 0x{(ushort)p:x4} is neither 802.1Q (0x8100) nor 802.1ad (0x88a8)"));
        }
    }

    public static void CheckRate(string pf, int vf, int minTxRateMbps, int maxTxRateMbps)
    {
        Check(pf, vf);
        if (minTxRateMbps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minTxRateMbps), minTxRateMbps, "minTxRateMbps: a rate cannot be negative");
        }

        if (maxTxRateMbps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTxRateMbps), maxTxRateMbps, "maxTxRateMbps: a rate cannot be negative");
        }

        if (maxTxRateMbps != 0 && minTxRateMbps > maxTxRateMbps)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"minTxRateMbps: minimum rate {minTxRateMbps} Mbps is above the maximum {maxTxRateMbps} Mbps"),
                nameof(minTxRateMbps));
        }
    }

    public static void CheckLinkState(string pf, int vf, VfLinkState state)
    {
        Check(pf, vf);
        if (!Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "state: expected auto, enable or disable");
        }
    }
}
