using Sriov.Host.Netlink;

namespace Sriov.Sim.VfDriver;

/// <summary>
/// Receives the moment an administrative MAC reaches a VF's netdev (immediately, late, or on driver reload, per
/// profile). The simulated node implements it by setting the VF veth's MAC, so the CNI sees what it would on hardware.
/// </summary>
public interface IVfNetdevMacSink
{
    void VfNetdevMacChanged(string pf, int vf, MacAddress mac);
}
