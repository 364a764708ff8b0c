namespace Sriov.Host.VfControl;

/// <summary>The VLAN protocol (TPID) of a VF's port VLAN; the values are the EtherTypes, sent big-endian.</summary>
public enum VlanProtocol : ushort
{
    /// <summary>802.1Q, EtherType 0x8100 (sriov-cni's <c>"vlanProto": "802.1q"</c>, the default).</summary>
    Dot1Q = 0x8100,

    /// <summary>802.1ad (QinQ), EtherType 0x88A8 (<c>"vlanProto": "802.1ad"</c>).</summary>
    Dot1AD = 0x88A8,
}
