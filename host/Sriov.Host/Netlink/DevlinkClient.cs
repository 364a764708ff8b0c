using Sriov.Host.Namespaces;

namespace Sriov.Host.Netlink;

/// <summary>
/// Reads a PF's devlink e-switch mode over generic netlink (DEVLINK_CMD_ESWITCH_GET with bus <c>pci</c> and the PCI
/// address), enough for switchdev detection. A kernel without devlink, a device without a devlink instance (igb answers
/// ENODEV, "No such device") or without an e-switch (EOPNOTSUPP) is <see cref="EswitchMode.NotSupported"/>, its own
/// result rather than an error. Not thread-safe.
/// </summary>
public sealed class DevlinkClient : IDisposable
{
    private readonly GenericNetlink _genl;
    private ushort? _family;
    private bool _resolved;

    private DevlinkClient(GenericNetlink genl) => _genl = genl;

    public static DevlinkClient Open(NetNs? netns = null) => new(GenericNetlink.Open(netns));

    /// <summary>The e-switch mode of <c>pci/<paramref name="pciAddress"/></c>.</summary>
    public EswitchMode GetEswitchMode(string pciAddress)
    {
        ArgumentException.ThrowIfNullOrEmpty(pciAddress);
        if (!_resolved)
        {
            _family = _genl.ResolveFamily(Genl.DevlinkFamily);
            _resolved = true;
        }

        if (_family is not { } family)
        {
            return EswitchMode.NotSupported;
        }

        GenlRequests.EswitchGet(_genl.Socket.Builder, family, pciAddress);
        var box = new EswitchMode?[1];
        try
        {
            _genl.Socket.Execute($"get devlink e-switch mode of pci/{pciAddress}", box, static (b, type, payload) =>
            {
                b[0] = GenlReplies.EswitchMode(payload);
            });
        }
        catch (NetlinkException e) when (e.Errno is Errno.ENODEV or Errno.EOPNOTSUPP or Errno.ENOENT)
        {
            return EswitchMode.NotSupported;
        }

        return box[0] ?? EswitchMode.NotSupported;
    }

    public void Dispose() => _genl.Dispose();
}
