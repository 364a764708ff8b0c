namespace Sriov.ConfigDaemon.Planning;

/// <summary>What one step of a plan does. The JSON name is the camelCase of the member.</summary>
internal enum ActionKind
{
    /// <summary>Write the PF's reconfiguring marker (device plugin: VFs Unhealthy; CNI ADD: try again later).</summary>
    MarkReconfiguring,

    /// <summary>Raise the PF's MTU to the spec's, or put back the MTU it had before we raised it.</summary>
    SetPfMtu,

    /// <summary>Change the PF's VF count (0 first, then N: the kernel refuses to change a non-zero count).</summary>
    SetNumVfs,

    /// <summary>Bind a VF to a user-space driver (vfio-pci, ...).</summary>
    BindDriver,

    /// <summary>Put a VF back on the driver the kernel picks (off vfio-pci & co., override cleared).</summary>
    BindDefaultDriver,

    /// <summary>Clear a <c>driver_override</c> left on a VF that is already on the right driver (an interrupted bind).</summary>
    ClearDriverOverride,

    /// <summary>Give an InfiniBand VF a node and port GUID and re-probe it, so the VF driver takes it.</summary>
    SetVfGuid,

    /// <summary>Pin the VF's current MAC as its administrative MAC on the PF, so it survives a VF driver reload.</summary>
    SetVfAdminMac,

    SetVfMtu,

    SetPfUp,

    /// <summary>Write the PF's record (what was applied; the "ours" marker).</summary>
    SaveRecord,

    /// <summary>Remove the PF's record: it left the spec and was reset, or was never ours to reset.</summary>
    DeleteRecord,

    /// <summary>Remove the PF's reconfiguring marker.</summary>
    ClearMarker,
}
