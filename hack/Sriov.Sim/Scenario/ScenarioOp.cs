using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

namespace Sriov.Sim.Scenario;

/// <summary>
/// One parsed line of a scenario script. Which fields are set depends on <see cref="Kind"/>; <see cref="Text"/> is the
/// line without its comment, as records and reports show it.
/// </summary>
internal sealed record ScenarioOp
{
    public required ScenarioOpKind Kind { get; init; }

    /// <summary>The operation as written, whitespace-normalised, without the comment.</summary>
    public required string Text { get; init; }

    /// <summary>1-based line number in the script.</summary>
    public int Line { get; init; }

    /// <summary>The VF number the operation is about; null for the PF (<c>pf</c>) or when it takes no function.</summary>
    public int? Vf { get; init; }

    /// <summary>The operation names the PF (<c>bind pf igb</c>).</summary>
    public bool OnPf { get; init; }

    /// <summary>VF count, VLAN id, MTU, minimum rate.</summary>
    public int Number { get; init; }

    /// <summary>QoS, maximum rate.</summary>
    public int Number2 { get; init; }

    public VlanProtocol? Protocol { get; init; }

    /// <summary>on/off settings.</summary>
    public bool Flag { get; init; }

    public VfLinkState LinkState { get; init; }

    public ulong Guid { get; init; }

    public MacAddress Mac { get; init; }

    /// <summary>Driver, netns or interface name.</summary>
    public string? Word { get; init; }

    /// <summary>The new interface name of <c>move VF NS as NAME</c>.</summary>
    public string? NewName { get; init; }

    public override string ToString() => Text;
}
