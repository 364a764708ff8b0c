using System.Globalization;
using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

namespace Sriov.Cni.Config;

/// <summary>
/// What the config asks to set on the VF through its PF. Only these are applied on ADD and restored on DEL; absent
/// ones are never touched (upstream's "reset only if set", which keeps VLAN 0 away from NICs that refuse it, #285).
/// </summary>
internal sealed record PfSettings
{
    public static PfSettings None { get; } = new();

    /// <summary>VLAN id, QoS and protocol (null protocol: the legacy 802.1Q request).</summary>
    public (int Id, int Qos, VlanProtocol? Protocol)? Vlan { get; init; }

    /// <summary>The administrative MAC (from <c>mac</c>, CNI_ARGS <c>MAC</c> or <c>runtimeConfig.mac</c>).</summary>
    public MacAddress? Mac { get; init; }

    /// <summary>Minimum and maximum TX rate in Mbps; a side not given is 0 (no limit), as upstream sends it.</summary>
    public (int Min, int Max)? Rate { get; init; }

    public bool? SpoofCheck { get; init; }

    public bool? Trust { get; init; }

    public VfLinkState? LinkState { get; init; }

    /// <summary>The settings asked for, in apply order.</summary>
    public IReadOnlyList<PfSetting> Requested
    {
        get
        {
            var list = new List<PfSetting>(6);
            if (Vlan is not null)
            {
                list.Add(PfSetting.Vlan);
            }

            if (Mac is not null)
            {
                list.Add(PfSetting.Mac);
            }

            if (Rate is not null)
            {
                list.Add(PfSetting.Rate);
            }

            if (SpoofCheck is not null)
            {
                list.Add(PfSetting.SpoofCheck);
            }

            if (Trust is not null)
            {
                list.Add(PfSetting.Trust);
            }

            if (LinkState is not null)
            {
                list.Add(PfSetting.LinkState);
            }

            return list;
        }
    }

    public bool IsEmpty => Requested.Count == 0;

    /// <summary>The config key and value behind a setting, for messages (<c>vlan 100</c>, <c>spoofchk "off"</c>).</summary>
    public string Describe(PfSetting setting) => setting switch
    {
        PfSetting.Vlan => string.Create(CultureInfo.InvariantCulture, $"vlan {Vlan!.Value.Id}"),
        PfSetting.Mac => $"mac \"{Mac}\"",
        PfSetting.Rate => string.Create(CultureInfo.InvariantCulture, $"min_tx_rate {Rate!.Value.Min} / max_tx_rate {Rate.Value.Max}"),
        PfSetting.SpoofCheck => $"spoofchk \"{OnOff(SpoofCheck)}\"",
        PfSetting.Trust => $"trust \"{OnOff(Trust)}\"",
        PfSetting.LinkState => $"link_state \"{LinkStateName(LinkState!.Value)}\"",
        _ => setting.ToString(),
    };

    public static string LinkStateName(VfLinkState state) => state switch
    {
        VfLinkState.Auto => "auto",
        VfLinkState.Enable => "enable",
        VfLinkState.Disable => "disable",
        _ => ((int)state).ToString(CultureInfo.InvariantCulture),
    };

    private static string OnOff(bool? value) => value == true ? "on" : "off";
}
