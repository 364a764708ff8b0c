using Sriov.DevicePlugin.Discovery;

namespace Sriov.DevicePlugin.Tests.Discovery;

public class SysNamesTests
{
    [Theory]
    [InlineData("p0", true)]
    [InlineData("p12", true)]
    [InlineData("pf0vf3", false)]
    [InlineData("pf0sf1", false)]
    [InlineData("p", false)]
    [InlineData("P0", false)]
    public void Uplink_port_names(string name, bool uplink) => Assert.Equal(uplink, SysNames.IsUplinkPortName(name));

    [Theory]
    [InlineData("vdpa0", true)]
    [InlineData("vdpa17", true)]
    [InlineData("vdpa", false)]
    [InlineData("vdpax", false)]
    public void Vdpa_devices(string name, bool vdpa) => Assert.Equal(vdpa, SysNames.IsVdpaDevice(name));

    [Theory]
    [InlineData("mlx5_core.sf.4", "sf")]
    [InlineData("mlx5_core.eth.0", "eth")]
    [InlineData("mlx5_core.sf.x", null)]
    [InlineData("mlx5_core.sf", null)]
    [InlineData("0000:3b:00.0", null)]
    [InlineData(".sf.1", null)]
    public void Auxiliary_device_names(string name, string? type) => Assert.Equal(type, SysNames.AuxType(name));
}
