namespace Sriov.Sim.VfDriver;

/// <summary>The PF-side VF requests, for scripting failures and reading the emulator's log.</summary>
public enum VfOperation
{
    Mac,
    Vlan,
    Rate,
    SpoofCheck,
    Trust,
    LinkState,
    NodeGuid,
    PortGuid,
}
