namespace Sriov.DevicePlugin.Discovery;

/// <summary>
/// A vDPA device whose parent is a PCI function (<c>sys/bus/pci/devices/&lt;addr&gt;/vdpaN</c>): its name, the type its
/// bound driver gives (<c>vhost_vdpa</c> → <c>vhost</c>, <c>virtio_vdpa</c> → <c>virtio</c>, else null) and, for vhost,
/// the character device <c>/dev/vhost-vdpa-M</c>.
/// </summary>
internal sealed record VdpaDevice(string Name, string? Type, string? CharDevice);
