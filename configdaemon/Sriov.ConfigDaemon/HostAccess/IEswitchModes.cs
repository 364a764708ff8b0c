using Sriov.Host.Netlink;

namespace Sriov.ConfigDaemon.HostAccess;

/// <summary>A PF's devlink e-switch mode. Production: <see cref="DevlinkEswitchModes"/>.</summary>
internal interface IEswitchModes
{
    EswitchMode Get(string pciAddress);
}
