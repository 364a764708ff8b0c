using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Discovery;
using Sriov.DevicePlugin.Selection;
using Sriov.DevicePlugin.Tests.Support;
using Sriov.Host.Sysfs;

namespace Sriov.DevicePlugin.Tests.Selection;

/// <summary>Each selector field against the two-port fixture (VFs 3b:01.0-3 of ens1f0 on iavf, 3b:11.0-1 of ens1f1 on
/// iavf, 3b:11.2-3 of ens1f1 on vfio-pci).</summary>
public class SelectorMatcherTests
{
    private static SelectorSpec Selector(string json) =>
        ConfigLoader.Parse($$"""{"resourceList":[{"resourceName":"r","selectors":{{json}}}]}""", "t", "intel.com").Pools[0].Selectors[0];

    private static IReadOnlyList<DeviceCandidate> Candidates(NodeSnapshot? snapshot = null) =>
        CandidateBuilder.Build(snapshot ?? Functions.TwoPorts(), "netDevice").Candidates;

    private static string Select(string json, NodeSnapshot? snapshot = null) =>
        string.Join(" ", Candidates(snapshot).Where(c => SelectorMatcher.Matches(Selector(json), c)).Select(c => c.Id[5..]));

    [Theory]
    [InlineData("{}", "3b:01.0 3b:01.1 3b:01.2 3b:01.3 3b:11.0 3b:11.1 3b:11.2 3b:11.3")]
    [InlineData("""{"vendors":["8086"]}""", "3b:01.0 3b:01.1 3b:01.2 3b:01.3 3b:11.0 3b:11.1 3b:11.2 3b:11.3")]
    [InlineData("""{"vendors":["15b3"]}""", "")]
    [InlineData("""{"devices":["1889"]}""", "3b:01.0 3b:01.1 3b:01.2 3b:01.3 3b:11.0 3b:11.1 3b:11.2 3b:11.3")]
    [InlineData("""{"devices":["154c","1592"]}""", "")]
    [InlineData("""{"drivers":["vfio-pci"]}""", "3b:11.2 3b:11.3")]
    [InlineData("""{"drivers":["iavf","vfio-pci"]}""", "3b:01.0 3b:01.1 3b:01.2 3b:01.3 3b:11.0 3b:11.1 3b:11.2 3b:11.3")]
    [InlineData("""{"pciAddresses":["0000:3b:01.2","0000:3b:11.3","0000:3b:00.0"]}""", "3b:01.2 3b:11.3")]
    [InlineData("""{"pfNames":["ens1f0"]}""", "3b:01.0 3b:01.1 3b:01.2 3b:01.3")]
    [InlineData("""{"pfNames":["ens1f0#1,3","ens1f1#2-3"]}""", "3b:01.1 3b:01.3 3b:11.2 3b:11.3")]
    [InlineData("""{"rootDevices":["0000:3b:00.1#0"]}""", "3b:11.0")]
    [InlineData("""{"rootDevices":["0000:3b:00.1"],"drivers":["iavf"]}""", "3b:11.0 3b:11.1")]
    [InlineData("""{"linkTypes":["ether"]}""", "3b:01.0 3b:01.1 3b:01.2 3b:01.3 3b:11.0 3b:11.1 3b:11.2 3b:11.3")]
    [InlineData("""{"linkTypes":["infiniband"]}""", "")]
    [InlineData("""{"acpiIndexes":["101"]}""", "")]
    [InlineData("""{"isRdma":true}""", "")]
    [InlineData("""{"ddpProfiles":["ICE COMMS Package"]}""", "")]
    [InlineData("""{"pKeys":["0x7fff"]}""", "")]
    [InlineData("""{"vdpaType":"vhost"}""", "")]
    [InlineData("""{"needVhostNet":true,"drivers":["vfio-pci"]}""", "3b:11.2 3b:11.3")]
    public void Each_field_filters_and_lists_are_ored(string selector, string expected) =>
        Assert.Equal(expected, Select(selector));

    [Fact]
    public void Vfio_vfs_match_link_types_through_their_pf_as_upstream()
    {
        var vfio = Candidates().Single(c => c.Id == "0000:3b:11.2");
        Assert.Null(vfio.LinkType);
        Assert.Equal("ether", vfio.SelectionLinkType);
    }

    [Fact]
    public void Rdma_partition_keys_ddp_profiles_acpi_and_vdpa_match_what_discovery_read()
    {
        var ib = Functions.Pf("0000:d8:00.0", "ibs4f0", 2, 2, vendor: "15b3", device: "101b", driver: "mlx5_core", linkType: LinkType.Infiniband, cls: "020700");
        var vf0 = Functions.Vf("0000:d8:00.0", 0, driver: "mlx5_core", netdev: "ibs4f0v0", vendor: "15b3", device: "101c", rdma: ["mlx5_2"], linkType: LinkType.Infiniband, cls: "020700");
        var vf1 = Functions.Vf("0000:d8:00.0", 1, driver: "mlx5_core", netdev: "ibs4f0v1", vendor: "15b3", device: "101c", linkType: LinkType.Infiniband, cls: "020700");
        var nic = new PciFunction
        {
            Address = PciAddress.Parse("0000:00:1f.6"), SysPath = "/x", VendorId = "8086", DeviceId = "15bb", ClassCode = "020000",
            Driver = "e1000e", AcpiIndex = "101", Netdevs = [Functions.Netdev("eno1")],
        };
        var snapshot = Functions.Snapshot(ib, vf0, vf1, nic) with
        {
            Extras = new Dictionary<PciAddress, FunctionExtras>
            {
                [vf0.Address] = new() { PKey = 0x7fff, DdpProfile = "ICE COMMS Package", Vdpa = new VdpaDevice("vdpa0", "vhost", "/dev/vhost-vdpa-0") },
                [vf1.Address] = new() { PKey = 0xffff, Vdpa = new VdpaDevice("vdpa1", "virtio", null) },
            },
        };

        Assert.Equal("d8:01.0", Select("""{"isRdma":true}""", snapshot));
        Assert.Equal("d8:01.0", Select("""{"pKeys":["0x7FFF"]}""", snapshot));
        Assert.Equal("d8:01.0 d8:01.1", Select("""{"linkTypes":["infiniband"]}""", snapshot));
        Assert.Equal("d8:01.0", Select("""{"ddpProfiles":["ICE COMMS Package"]}""", snapshot));
        Assert.Equal("d8:01.1", Select("""{"vdpaType":"virtio"}""", snapshot));
        Assert.Equal("00:1f.6", Select("""{"acpiIndexes":["101"]}""", snapshot));
        Assert.Equal("", Select("""{"pfNames":["eno1"]}""", snapshot));
        Assert.Equal("pfNames", SelectorMatcher.FirstMismatch(Selector("""{"pfNames":["eno1"]}"""), Candidates(snapshot).Single(c => c.Netdev == "eno1")));
    }
}
