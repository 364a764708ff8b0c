using System.Text.Json;
using Sriov.Api.Node;
using Sriov.Api.Node.DeviceInfo;

namespace Sriov.Api.Tests.Node;

/// <summary>The NPWG device-info file, version 1.1.0 (device-plugin.md §3.4).</summary>
public sealed class DeviceInfoFileTests
{
    [Fact]
    public void Pci_device_info_has_the_spec_keys()
    {
        var info = new DeviceInfoFile
        {
            Type = DeviceInfoTypes.Pci,
            Version = DeviceInfoFile.CurrentVersion,
            Pci = new PciDeviceInfo { PciAddress = "0000:3b:02.6", RdmaDevice = "mlx5_2,mlx5_3" },
        };

        Assert.Equal(
            """{"type":"pci","version":"1.1.0","pci":{"pci-address":"0000:3b:02.6","rdma-device":"mlx5_2,mlx5_3"}}""",
            JsonSerializer.Serialize(info, NodeJsonContext.Default.DeviceInfoFile));
    }

    [Fact]
    public void Vdpa_device_info_round_trips()
    {
        const string Json = """{"type":"vdpa","version":"1.1.0","vdpa":{"parent-device":"vdpa1","driver":"vhost","path":"/dev/vhost-vdpa-1","pci-address":"0000:3b:02.2","pf-pci-address":"0000:3b:00.0","representor-device":"pf0vf2"}}""";

        var info = JsonSerializer.Deserialize(Json, NodeJsonContext.Default.DeviceInfoFile)!;

        Assert.Equal("/dev/vhost-vdpa-1", info.Vdpa!.Path);
        Assert.Equal(Json, JsonSerializer.Serialize(info, NodeJsonContext.Default.DeviceInfoFile));
    }
}
