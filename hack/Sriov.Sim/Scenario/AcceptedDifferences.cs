namespace Sriov.Sim.Scenario;

/// <summary>
/// The differences between the real igb guest and the simulator that are kept on purpose, each with its reason; the
/// same reasons appear in docs/simulation.md's fidelity tables. Anything else the differential test finds must be
/// fixed in the simulator or the driver emulator.
/// </summary>
internal static class AcceptedDifferences
{
    private const string Zero = "00:00:00:00:00:00";

    private const string VfReportsItsMac =
        "igbvf tells igb the address it chose (at probe and at every reset, e.g. an MTU change) over their mailbox, and " +
        "igb lists it as the VF's MAC; the emulator knows only MACs set through the PF (there is no VF driver behind a veth)";

    public static IReadOnlyList<AcceptedDifference> All { get; } =
    [
        new("vf-reports-mac", "count", "bind-default 1|wait-netdev 1", @"admin1\.mac", RecordComparer.Chosen, Zero, VfReportsItsMac) { Optional = true },
        new("vf-reports-mac", "netns", "mtu 0 9000|link-up 0", @"admin0\.mac", RecordComparer.Chosen, Zero, VfReportsItsMac) { Optional = true },
        new("vf-sets-mac", "mac", "link-mac 0 02:00:00:00:0c:03", @"admin0\.mac", "02:00:00:00:0c:03", "02:00:00:00:0c:01",
            "a trusted VF's own MAC change reaches igb over the mailbox and igb lists it as the VF's MAC; a veth has no VF driver to tell the emulator")
        {
            Optional = true,
        },
        new("vf-max-mtu", "netns", "mtu 0 9217", "outcome|message|ns\\.a\\.eth1\\.mtu", null, null,
            "igbvf's largest MTU is 9216 (dev->max_mtu); a veth accepts up to 65535"),
        new("vf-reset-takes-admin-mac", "netns", "move 0 b as pod2|move-home 0|netns-del [ab]", @"ns\.b\.eth1\.mac|vf0\.mac", "02:00:00:00:0a:01", RecordComparer.Chosen,
            "the move closes the up VF interface; igbvf resets on close and takes the administrative MAC igb holds for it; a veth keeps its address")
        {
            Optional = true,
        },
    ];
}
