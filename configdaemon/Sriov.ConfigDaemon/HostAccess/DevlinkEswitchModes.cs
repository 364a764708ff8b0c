using Sriov.Host.Netlink;

namespace Sriov.ConfigDaemon.HostAccess;

/// <summary>
/// <see cref="IEswitchModes"/> over devlink (generic netlink). A kernel where the generic netlink socket cannot be
/// opened reads as <see cref="EswitchMode.NotSupported"/> for every PF, as a device without devlink does.
/// </summary>
internal sealed class DevlinkEswitchModes : IEswitchModes, IDisposable
{
    private DevlinkClient? _client;
    private bool _unavailable;

    public EswitchMode Get(string pciAddress)
    {
        if (_unavailable)
        {
            return EswitchMode.NotSupported;
        }

        try
        {
            _client ??= DevlinkClient.Open();
            return _client.GetEswitchMode(pciAddress);
        }
        catch (NetlinkException e) when (e.Errno is Errno.EAFNOSUPPORT or Errno.EPROTONOSUPPORT)
        {
            _unavailable = true;
            return EswitchMode.NotSupported;
        }
    }

    public void Dispose() => _client?.Dispose();
}
