using Sriov.Sim.Node.Description;
using Sriov.Sim.Node.Profiles;

namespace Sriov.Sim.Tests.Node;

public class NodeDescriptionTests
{
    public static TheoryData<string> Profiles => [.. NodeProfiles.List.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_profile_is_valid_and_survives_a_yaml_round_trip(string profile)
    {
        var description = NodeProfiles.Get(profile);
        Assert.Empty(NodeDescriptionValidator.Check(description));
        var yaml = NodeDescriptionFile.Serialize(description);
        Assert.Equal(yaml, NodeDescriptionFile.Serialize(NodeDescriptionFile.Parse(yaml)));

        // Every profile also fits veth mode, where a 5-character node token goes in front of each interface name.
        Assert.Empty(NodeDescriptionValidator.Check(description, namePrefixLength: 5));
    }

    [Fact]
    public void Nic_profiles_have_two_ports_and_the_issue_ids()
    {
        Assert.All(new[] { "intel-e810", "intel-x710", "mlx-cx6", "mlx-cx6-ib" }, p => Assert.Equal(2, NodeProfiles.Get(p).Ports.Count));
        Assert.Equal(("8086", "1592", "1889", "ice", "iavf"), Ids("intel-e810"));
        Assert.Equal(("8086", "1572", "154c", "i40e", "iavf"), Ids("intel-x710"));
        Assert.Equal(("15b3", "101b", "101c", "mlx5_core", "mlx5_core"), Ids("mlx-cx6"));
        Assert.Equal("infiniband", NodeProfiles.Get("mlx-cx6-ib").Ports[0].LinkType);
        Assert.StartsWith("12", NodeProfiles.Get("accel").Ports[0].Class, StringComparison.Ordinal);
        Assert.Equal(9, NodeProfiles.Get("mixed").Ports.Count);
        var igb = NodeProfiles.Get("igb").Ports.Single();
        Assert.Equal(("8086", "10c9", "10ca", "igb", "igbvf", 7, 128, 2), (igb.Vendor, igb.Device, igb.VfDevice, igb.Driver, igb.VfDriver, igb.TotalVfs, igb.VfOffset, igb.VfStride));
    }

    [Theory]
    [InlineData("iommu: maybe", "iommu: 'maybe' is not one of on, off, noiommu")]
    [InlineData("ports: []", "ports: at least one port is required")]
    [InlineData("ports: [{pciAddress: 3b:00.0, vendor: '8086', device: '1592', vfDevice: '1889', driver: ice}]", "ports[0].pciAddress: '3b:00.0' is not a PCI address")]
    [InlineData("ports: [{pciAddress: '0000:3b:00.0', vendor: '0x8086', device: '1592', vfDevice: '1889', driver: ice}]", "ports[0].vendor: '0x8086' is not 4 lower-case hex digits")]
    [InlineData("ports: [{pciAddress: '0000:3b:00.0', vendor: '8086', device: '1592', vfDevice: '1889', driver: ice, totalVfs: 4, numVfs: 5}]", "ports[0].numVfs: 5 is outside 0-totalVfs (4)")]
    [InlineData("ports: [{pciAddress: '0000:3b:00.0', vendor: '8086', device: '1592', vfDevice: '1889', driver: 'bad driver'}]", "ports[0].driver: 'bad driver' is not a driver name")]
    [InlineData("ports: [{pciAddress: '0000:3b:00.0', vendor: '8086', device: '1592', vfDevice: '1889', driver: ice, totalVfs: 2, vfOffset: 0}]", "ports[0].vfOffset: 0 must be at least 1")]
    [InlineData("ports: [{pciAddress: '0000:3b:00.0', vendor: '8086', device: '1592', vfDevice: '1889', driver: ice, totalVfs: 2, linkType: ethernet}]", "ports[0].linkType: 'ethernet' is not ether or infiniband")]
    [InlineData("ports: [{pciAddress: '0000:3b:00.0', vendor: '8086', device: '1592', vfDevice: '1889', driver: ice, mac: '00:11'}]", "ports[0].mac: '00:11' is not a 6-byte")]
    [InlineData("ports: [{pciAddress: '0000:3b:00.0', vendor: '8086', device: '1592', vfDevice: '1889', driver: ice, netdev: averyveryverylongname}]", "ports[0].netdev: 'averyveryverylongname' is not an interface name of at most 15 characters")]
    [InlineData("ports: [{pciAddress: '0000:3b:00.0', vendor: '8086', device: '1592', vfDevice: '1889', driver: ice, netdev: e0, vfNetdev: vf}]", "ports[0].vfNetdev: 'vf' must contain {vf} or end with {n}")]
    [InlineData("ports: [{pciAddress: '0000:3b:00.0', vendor: '8086', device: '1592', vfDevice: '1889', driver: ice, totalVfs: 4}, {pciAddress: '0000:3b:00.1', vendor: '8086', device: '1592', vfDevice: '1889', driver: ice}]", "ports[1].pciAddress: 0000:3b:00.1 is already used by VF 0 of ports[0]")]
    [InlineData("ports: [{pciAddress: '0000:ff:00.0', vendor: '8086', device: '1592', vfDevice: '1889', driver: ice, totalVfs: 300}]", "ports[0].totalVfs: VF 255 of 0000:ff:00.0 (offset 1, stride 1) is beyond bus ff")]
    [InlineData("ports: [{pciAddress: '0000:00:03.0', vendor: '8086', device: '1592', vfDevice: '1889', driver: ice}]", "ports[0].bridge: a PF on bus 00 needs an explicit bridge")]
    public void Invalid_descriptions_name_the_field_and_value(string yaml, string error)
    {
        var e = Assert.Throws<NodeDescriptionException>(() => NodeDescriptionFile.Parse(yaml, "node.yaml"));
        Assert.StartsWith("node.yaml: invalid node description:", e.Message, StringComparison.Ordinal);
        Assert.Contains(error, e.Message);
    }

    [Theory]
    [InlineData("ports: [\n  {pciAddress: '0000:3b:00.0', color: red}]", "node.yaml:2:", "color")]
    [InlineData("iommu: on\nports: [\n", "node.yaml:3:", "")]
    [InlineData("", "node.yaml: empty node description", "")]
    public void Yaml_errors_name_the_line(string yaml, string where, string what)
    {
        var e = Assert.Throws<NodeDescriptionException>(() => NodeDescriptionFile.Parse(yaml, "node.yaml"));
        Assert.StartsWith(where, e.Message, StringComparison.Ordinal);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void Json_is_read_too()
    {
        var d = NodeDescriptionFile.Parse("""{"iommu": "noiommu", "ports": [{"pciAddress": "0000:3b:00.0", "vendor": "8086", "device": "1592", "vfDevice": "1889", "driver": "ice", "totalVfs": 8}]}""");
        Assert.Equal(Sriov.Sim.Node.Description.IommuMode.NoIommu, d.IommuMode);
        Assert.Equal(8, d.Ports[0].TotalVfs);
    }

    [Fact]
    public void Unknown_profile_lists_the_profiles()
    {
        var e = Assert.Throws<NodeDescriptionException>(() => NodeProfiles.Resolve("intel-e999"));
        Assert.Contains("intel-e810, intel-x710, mlx-cx6, mlx-cx6-ib, accel, mixed, igb", e.Message);
    }

    private static (string, string, string, string, string?) Ids(string profile)
    {
        var p = NodeProfiles.Get(profile).Ports[0];
        return (p.Vendor, p.Device, p.VfDevice, p.Driver, p.VfDriver);
    }
}
