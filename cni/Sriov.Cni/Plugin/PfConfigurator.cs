using System.Globalization;
using Sriov.Cni.Config;
using Sriov.Cni.Journal;
using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

namespace Sriov.Cni.Plugin;

/// <summary>
/// Applies, restores and checks the PF-side VF settings through <see cref="IVfControl"/>. The admin MAC is set with
/// verification (up to 20 attempts 100 ms apart, as upstream: i40e/iavf answer EBUSY or apply it asynchronously,
/// sriov-cni #213); every other setting is one request, whose errors the caller sorts (transient or permanent).
/// </summary>
internal sealed class PfConfigurator
{
    public const int MacAttempts = 20;
    public static readonly TimeSpan MacInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Restore order: upstream's ResetVFConfig (spec cni.md §3.1); the admin MAC goes between spoofchk and trust.</summary>
    public static readonly IReadOnlyList<PfSetting> RestoreOrder =
        [PfSetting.Vlan, PfSetting.SpoofCheck, PfSetting.Mac, PfSetting.Trust, PfSetting.Rate, PfSetting.LinkState];

    private readonly IVfControl _control;
    private readonly Action<TimeSpan> _sleep;

    public PfConfigurator(IVfControl control, Action<TimeSpan> sleep)
    {
        _control = control;
        _sleep = sleep;
    }

    public void Apply(string pf, int vf, PfSettings s, PfSetting setting)
    {
        switch (setting)
        {
            case PfSetting.Vlan:
                var vlan = s.Vlan!.Value;
                _control.SetVlan(pf, vf, vlan.Id, vlan.Qos, vlan.Protocol);
                break;
            case PfSetting.Mac:
                SetMacVerified(pf, vf, s.Mac!.Value);
                break;
            case PfSetting.Rate:
                _control.SetRate(pf, vf, s.Rate!.Value.Min, s.Rate.Value.Max);
                break;
            case PfSetting.SpoofCheck:
                _control.SetSpoofCheck(pf, vf, s.SpoofCheck!.Value);
                break;
            case PfSetting.Trust:
                _control.SetTrust(pf, vf, s.Trust!.Value);
                break;
            case PfSetting.LinkState:
                _control.SetLinkState(pf, vf, s.LinkState!.Value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(setting), setting, null);
        }
    }

    /// <summary>
    /// Puts one setting back to its original value. The admin MAC is restored only when it differs from the original
    /// (and then whether or not the config asked for one: a DPDK application may have changed it, upstream #214).
    /// Settings whose original the driver never reported are left alone.
    /// </summary>
    public void Restore(string pf, int vf, PfSetting setting, OriginalVfState o)
    {
        switch (setting)
        {
            case PfSetting.Vlan:
                _control.SetVlan(pf, vf, o.Vlan, o.Qos, o.VlanProtocol == VlanProtocol.Dot1AD ? VlanProtocol.Dot1AD : null);
                break;
            case PfSetting.Mac:
                var target = AdminMacToRestore(o);
                if (_control.GetVf(pf, vf).Mac != target)
                {
                    SetMacVerified(pf, vf, target);
                }

                break;
            case PfSetting.Rate:
                _control.SetRate(pf, vf, o.MinTxRate, o.MaxTxRate);
                break;
            case PfSetting.SpoofCheck when o.SpoofCheck is { } spoof:
                _control.SetSpoofCheck(pf, vf, spoof);
                break;
            case PfSetting.Trust when o.Trust is { } trust:
                _control.SetTrust(pf, vf, trust);
                break;
            case PfSetting.LinkState when o.LinkState is { } state:
                _control.SetLinkState(pf, vf, state);
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// The admin MAC DEL puts back. Netlink cannot tell an administratively set MAC from one the VF driver chose: igb
    /// reports the MAC a VF driver set through its mailbox on the PF's <c>vf</c> line too (seen on the real igb, and
    /// in spec real-nic.md), and a PF-set MAC locks an untrusted VF's own MAC. So a reported MAC equal to the VF
    /// netdev's own MAC is taken as the VF's choice and cleared (zero), after which the VF puts its MAC back itself;
    /// any other MAC (a userspace VF's, or one the VF never adopted) is restored as it was.
    /// </summary>
    public static MacAddress AdminMacToRestore(OriginalVfState o) =>
        o.EffectiveMac is { } own && own == o.AdminMac ? MacAddress.Zero : o.AdminMac;

    /// <summary>
    /// Whether the PF originally reported the VF's own MAC (see <see cref="AdminMacToRestore"/>): clearing the admin MAC
    /// then also clears the PF's filter for it (igb writes the zero MAC into the VF's receive address), so the VF netdev's
    /// MAC must be set again, even if unchanged, for the VF driver to register it with the PF once more.
    /// </summary>
    public static bool VfRegistersOwnMac(OriginalVfState o) =>
        o.EffectiveMac is { } own && own == o.AdminMac && !own.IsZero;

    /// <summary>Sets the admin MAC and reads it back until the PF reports it; transient errors are retried.</summary>
    public void SetMacVerified(string pf, int vf, MacAddress mac)
    {
        MacAddress seen = default;
        for (var attempt = 1; attempt <= MacAttempts; attempt++)
        {
            try
            {
                _control.SetMac(pf, vf, mac);
                seen = _control.GetVf(pf, vf).Mac;
                if (seen == mac)
                {
                    return;
                }
            }
            catch (NetlinkException e) when (e.IsTransient && attempt < MacAttempts)
            {
            }

            _sleep(MacInterval);
        }

        throw new IOException(string.Create(
            CultureInfo.InvariantCulture,
            $"{VfOperations.Mac(pf, vf, mac)}: the PF still reports {seen} after {MacAttempts} attempts"));
    }

    /// <summary>CHECK: each requested setting the PF now reports differently, as "vlan: want 100, PF reports 0".</summary>
    public static IReadOnlyList<string> Differences(VfInfo actual, PfSettings s)
    {
        var diffs = new List<string>();
        if (s.Vlan is { } vlan)
        {
            var want = (vlan.Id, vlan.Qos, vlan.Protocol ?? VlanProtocol.Dot1Q);
            var have = (actual.Vlan, actual.Qos, actual.VlanProtocol);
            if (want != have)
            {
                diffs.Add(string.Create(CultureInfo.InvariantCulture,
                    $"vlan/vlanQoS/vlanProto: want {want.Id}/{want.Qos}/{VfOperations.ProtocolName(want.Item3)}, PF reports {have.Vlan}/{have.Qos}/{VfOperations.ProtocolName(have.VlanProtocol)}"));
            }
        }

        if (s.Mac is { } mac && actual.Mac != mac)
        {
            diffs.Add($"mac: want {mac}, PF reports {actual.Mac}");
        }

        if (s.Rate is { } rate && (rate.Min, rate.Max) != (actual.MinTxRateMbps, actual.MaxTxRateMbps))
        {
            diffs.Add(string.Create(CultureInfo.InvariantCulture,
                $"min_tx_rate/max_tx_rate: want {rate.Min}/{rate.Max}, PF reports {actual.MinTxRateMbps}/{actual.MaxTxRateMbps}"));
        }

        if (s.SpoofCheck is { } spoof && actual.SpoofCheck is { } spoofNow && spoof != spoofNow)
        {
            diffs.Add($"spoofchk: want {OnOff(spoof)}, PF reports {OnOff(spoofNow)}");
        }

        if (s.Trust is { } trust && actual.Trust is { } trustNow && trust != trustNow)
        {
            diffs.Add($"trust: want {OnOff(trust)}, PF reports {OnOff(trustNow)}");
        }

        if (s.LinkState is { } state && actual.LinkState is { } stateNow && state != stateNow)
        {
            diffs.Add($"link_state: want {PfSettings.LinkStateName(state)}, PF reports {PfSettings.LinkStateName(stateNow)}");
        }

        return diffs;
    }

    private static string OnOff(bool value) => value ? "on" : "off";
}
