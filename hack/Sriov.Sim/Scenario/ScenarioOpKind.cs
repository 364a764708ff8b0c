namespace Sriov.Sim.Scenario;

/// <summary>What one line of a scenario script does (see <see cref="ScenarioScript"/> for the syntax).</summary>
internal enum ScenarioOpKind
{
    /// <summary><c>discover</c>: PciDiscovery.DiscoverAll and the PF's devlink e-switch mode (DevlinkClient); nothing changes.</summary>
    Discover,

    /// <summary><c>numvfs N</c>: PciControl.SetNumVfsAsync.</summary>
    NumVfs,

    /// <summary>
    /// <c>numvfs-raw N</c>: PciControl.WriteNumVfsUncheckedAsync, one write of N without SetNumVfsAsync's checks, so the
    /// kernel's own errno (ERANGE, EBUSY) comes back as our SysfsWriteException message.
    /// </summary>
    NumVfsRaw,

    /// <summary><c>bind VF|pf DRIVER</c>: PciControl.BindDriverAsync.</summary>
    Bind,

    /// <summary><c>bind-default VF|pf</c>: PciControl.BindDefaultDriverAsync.</summary>
    BindDefault,

    /// <summary><c>unbind VF|pf</c>: PciControl.UnbindAsync.</summary>
    Unbind,

    /// <summary><c>wait-netdev VF|pf</c>: PciControl.WaitForNetdevAsync.</summary>
    WaitNetdev,

    /// <summary><c>vf-mac VF MAC</c>: IVfControl.SetMac.</summary>
    VfMac,

    /// <summary><c>vf-vlan VF VLAN [qos Q] [proto 802.1Q|802.1ad]</c>: IVfControl.SetVlan.</summary>
    VfVlan,

    /// <summary><c>vf-rate VF MIN MAX</c> (Mbps): IVfControl.SetRate.</summary>
    VfRate,

    /// <summary><c>vf-spoofchk VF on|off</c>.</summary>
    VfSpoofCheck,

    /// <summary><c>vf-trust VF on|off</c>.</summary>
    VfTrust,

    /// <summary><c>vf-state VF auto|enable|disable</c>.</summary>
    VfLinkState,

    /// <summary><c>vf-node-guid VF GUID</c>.</summary>
    VfNodeGuid,

    /// <summary><c>vf-port-guid VF GUID</c>.</summary>
    VfPortGuid,

    /// <summary><c>vf-get VF</c>: IVfControl.GetVf.</summary>
    VfGet,

    /// <summary><c>pf-down</c>: RouteNetlink.SetDown on the PF's interface.</summary>
    PfDown,

    /// <summary><c>pf-up</c>: RouteNetlink.SetUp on the PF's interface.</summary>
    PfUp,

    /// <summary><c>wait-carrier</c>: waits up to 10 s for the PF's carrier (igb resets its link when the VF count changes).</summary>
    WaitCarrier,

    /// <summary><c>netns-add NS</c>: a named network namespace (<c>ip netns add</c>).</summary>
    NetnsAdd,

    /// <summary><c>netns-del NS</c>: deletes it and waits for the VF interfaces inside to come back to the host.</summary>
    NetnsDelete,

    /// <summary><c>move VF NS [as NAME]</c>: RouteNetlink.MoveToNetns of the VF's interface, renaming it in the same request.</summary>
    Move,

    /// <summary><c>move-home VF</c>: moves the VF's interface from its namespace back to the host's.</summary>
    MoveHome,

    /// <summary><c>rename VF NAME</c>: RouteNetlink.SetName, wherever the interface is.</summary>
    Rename,

    /// <summary><c>mtu VF N</c>: RouteNetlink.SetMtu.</summary>
    Mtu,

    /// <summary><c>link-up VF</c>: RouteNetlink.SetUp on the VF's interface.</summary>
    LinkUp,

    /// <summary><c>link-down VF</c>.</summary>
    LinkDown,

    /// <summary><c>link-mac VF MAC</c>: RouteNetlink.SetMac on the VF's own interface (what the VF driver asks the PF for).</summary>
    LinkMac,
}
