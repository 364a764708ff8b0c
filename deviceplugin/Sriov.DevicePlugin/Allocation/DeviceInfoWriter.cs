using System.Text.Json;
using Sriov.Api.Node;
using Sriov.Api.Node.DeviceInfo;
using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Devices;

namespace Sriov.DevicePlugin.Allocation;

/// <summary>
/// Device-info files (NPWG spec 1.1.0) for netDevice pools, which Multus copies into the pod's network-status:
/// <c>&lt;dir&gt;/&lt;prefix&gt;-&lt;resourceName&gt;-&lt;id&gt;-device.json</c>, mode 0444, written fresh at every Allocate;
/// removed with the device or pool and at shutdown (as upstream's Stop).
/// </summary>
internal sealed class DeviceInfoWriter(string directory)
{
    public string Directory { get; } = directory;

    public static string FileName(PoolSpec pool, string id) => $"{pool.Prefix}-{pool.Name}-{id}-device.json";

    public string PathOf(PoolSpec pool, string id) => Path.Join(Directory, FileName(pool, id));

    /// <summary>Writes the file of one allocated device (netDevice pools only; others store nothing).</summary>
    public void Write(PoolSpec pool, PoolDevice device)
    {
        if (pool.DeviceType != Sriov.Api.Node.DevicePlugin.DeviceTypes.NetDevice)
        {
            return;
        }

        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(pool, device.Id);
        File.Delete(path);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(Content(device), NodeJsonContext.Default.DeviceInfoFile);
        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        });
        file.Write(bytes);
    }

    public void Remove(PoolSpec pool, string id) => File.Delete(PathOf(pool, id));

    /// <summary>The file's content: <c>pci</c> (with <c>rdma-device</c> for RDMA selections) or <c>vdpa</c>.</summary>
    public static DeviceInfoFile Content(PoolDevice device)
    {
        if (device.Vdpa is { } vdpa)
        {
            return new DeviceInfoFile
            {
                Type = DeviceInfoTypes.Vdpa,
                Version = DeviceInfoFile.CurrentVersion,
                Vdpa = new VdpaDeviceInfo { ParentDevice = vdpa.Name, Driver = vdpa.Type, Path = vdpa.Type == "vhost" ? vdpa.CharDevice : null, PciAddress = device.Id },
            };
        }

        return new DeviceInfoFile
        {
            Type = DeviceInfoTypes.Pci,
            Version = DeviceInfoFile.CurrentVersion,
            Pci = new PciDeviceInfo { PciAddress = device.Id, RdmaDevice = device.Rdma.Count > 0 ? string.Join(",", device.Rdma) : null },
        };
    }
}
