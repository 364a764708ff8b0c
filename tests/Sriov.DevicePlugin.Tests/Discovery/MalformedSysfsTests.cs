using Sriov.DevicePlugin.Tests.Support;

namespace Sriov.DevicePlugin.Tests.Discovery;

/// <summary>A broken tree never stops discovery: the broken function is advertised with what could be read, or
/// excluded with the reason, and every other device is unaffected.</summary>
public class MalformedSysfsTests
{
    private const string Config = """{"resourceList":[{"resourceName":"range","selectors":{"pfNames":["ens1f0#1"]}},{"resourceName":"all","selectors":{"vendors":["8086"]}}]}""";

    private static string Dev(Sriov.Sim.Node.SimNode node, string address) => Path.Join(node.Root.Sys, "bus/pci/devices", address);

    [Fact]
    public void A_vanished_vf_directory_is_excluded_and_the_rest_advertised()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 2);
        var target = new FileInfo(Dev(node, "0000:3b:01.1")).LinkTarget!;
        Directory.Delete(Path.GetFullPath(Path.Join(Path.Join(node.Root.Sys, "bus/pci/devices"), target)), recursive: true);

        var resources = Discover.Resources(node.Root.Path, Config);
        Assert.Empty(Discover.Ids(resources, 0));
        Assert.Equal(["0000:3b:01.0", "0000:3b:11.0", "0000:3b:11.1"], Discover.Ids(resources, 1));
    }

    [Fact]
    public void Garbage_attributes_leave_nulls_not_failures()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 2);
        File.WriteAllText(Path.Join(Dev(node, "0000:3b:01.0"), "numa_node"), "zero\n");
        File.WriteAllText(Path.Join(Dev(node, "0000:3b:01.0"), "modalias"), "pci:garbage\n");
        File.WriteAllText(Path.Join(Dev(node, "0000:3b:11.0"), "net/ens1f1v0/type"), "-\n");

        var resources = Discover.Resources(node.Root.Path, Config);
        var all = Discover.Devices(resources, 1);
        var vf0 = all.Single(d => (string)d!["id"]! == "0000:3b:01.0")!;
        Assert.Null(vf0["numaNode"]);
        Assert.Equal("1889", (string)vf0["device"]!); // read from the device file instead
        Assert.Null(all.Single(d => (string)d!["id"]! == "0000:3b:11.0")!["linkType"]);
        Assert.Equal(["0000:3b:01.1"], Discover.Ids(resources, 0));
    }

    [Fact]
    public void A_broken_virtfn_link_loses_the_vf_index_so_ranges_no_longer_select_it()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 2);
        var link = Path.Join(Dev(node, "0000:3b:00.0"), "virtfn1");
        File.Delete(link);
        File.CreateSymbolicLink(link, "../not-a-device");

        var resources = Discover.Resources(node.Root.Path, Config);
        var vf1 = Discover.Devices(resources, 1).Single(d => (string)d!["id"]! == "0000:3b:01.1")!;
        Assert.Null(vf1["vfIndex"]);
        Assert.Empty(Discover.Ids(resources, 0));
    }

    [Fact]
    public void A_missing_pci_bus_directory_is_an_error_naming_the_path()
    {
        var root = Directory.CreateTempSubdirectory("dp-empty-").FullName;
        try
        {
            var (exit, _, stderr) = Discover.Run(root, Config);
            Assert.Equal(1, exit);
            Assert.Contains($"cannot list PCI devices in {root}/sys/bus/pci/devices", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
