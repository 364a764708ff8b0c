namespace Sriov.Host.VfControl;

/// <summary>IFLA_VF_LINK_STATE values (<c>linux/if_link.h</c>): what link the PF reports to the VF.</summary>
public enum VfLinkState
{
    /// <summary>Follow the PF's link (IFLA_VF_LINK_STATE_AUTO).</summary>
    Auto = 0,

    /// <summary>Always up (IFLA_VF_LINK_STATE_ENABLE).</summary>
    Enable = 1,

    /// <summary>Always down (IFLA_VF_LINK_STATE_DISABLE).</summary>
    Disable = 2,
}
