namespace Sriov.Sim.VfDriver;

/// <summary>How an administrative MAC set through the PF reaches the VF's own netdev.</summary>
public enum MacPropagation
{
    /// <summary>Only when the VF driver re-probes (igb/igbvf: "Reload the VF driver to make this change effective").</summary>
    OnDriverReload,

    /// <summary>Asynchronously, some time after the set (i40e/ice with iavf): the CNI must poll the netdev.</summary>
    Late,

    /// <summary>Never by itself (mlx5): the netdev MAC must be set explicitly.</summary>
    Never,
}
