namespace Sriov.Cni.Config;

/// <summary>The PF-side VF settings, in the order ADD applies them (upstream's order, spec cni.md §2.4).</summary>
internal enum PfSetting
{
    Vlan,
    Mac,
    Rate,
    SpoofCheck,
    Trust,
    LinkState,
}
