using Sriov.Host.Sysfs;

namespace Sriov.Host.Tests.Sysfs;

/// <summary>Broken trees never crash discovery: the function is reported with what could be read and why the rest could not.</summary>
public class MalformedTreeTests
{
    private const string Pf = "0000:3b:00.0";
    private const string Vf = "0000:3b:01.1";

    public static TheoryData<string, string, string, string> Corruptions => new()
    {
        // name, function, what to do to the tree ("write attr value" | "delete attr" | "link attr target" | "file attr"), problem attribute
        { "modalias garbage, ids from files", Pf, "write modalias garbage", "modalias" },
        { "modalias and vendor garbage", Pf, "write modalias garbage;write vendor 8086", "vendor" },
        { "numa garbage", Pf, "write numa_node zero", "numa_node" },
        { "numa missing", Vf, "delete numa_node", "numa_node" },
        { "totalvfs garbage", Pf, "write sriov_totalvfs lots", "sriov_totalvfs" },
        { "numvfs garbage", Pf, "write sriov_numvfs -4", "sriov_numvfs" },
        { "numvfs disagrees with links", Pf, "write sriov_numvfs 7", "sriov_numvfs" },
        { "virtfn points to garbage", Pf, "link virtfn1 ../not-a-device", "virtfn1" },
        { "physfn is a file", Vf, "file physfn", "physfn" },
        { "physfn points to garbage", Vf, "link physfn ../zz", "physfn" },
        { "iommu group not a number", Vf, "link iommu_group ../../../../kernel/iommu_groups/abc", "iommu_group" },
        { "netdev mtu garbage", Vf, "write net/ens1f0v1/mtu big", "net/ens1f0v1/mtu" },
        { "netdev address missing", Vf, "delete net/ens1f0v1/address", "net/ens1f0v1/address" },
        { "netdev type garbage", Pf, "write net/ens1f0/type -", "net/ens1f0/type" },
        { "net is a file", Vf, "rmdir net;file net", "net" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Reports_the_function_with_a_problem(string name, string function, string corruption, string attribute)
    {
        _ = name;
        using var node = SimNodes.TreeWithVfs("intel-e810", vfs: 2);
        var dir = Path.Join(node.Root.Sys, "bus/pci/devices", function);
        foreach (var step in corruption.Split(';'))
        {
            Apply(dir, step.Split(' '));
        }

        var inventory = new PciDiscovery(node.Root).DiscoverAll();
        var f = inventory.Find(PciAddress.Parse(function));
        Assert.NotNull(f);
        var problem = Assert.Single(f.Problems, p => p.Attribute == attribute);
        Assert.False(string.IsNullOrWhiteSpace(problem.Reason));

        // Everything else about the function is still read.
        Assert.Contains(f.Driver, new[] { "ice", "iavf" });
        Assert.Equal(2 + 2 * 2 + 1, inventory.Count); // 2 PFs, 2 VFs each, 1 bridge
    }

    [Fact]
    public void Modalias_garbage_falls_back_to_the_id_files()
    {
        using var node = SimNodes.TreeWithVfs("intel-e810");
        File.WriteAllText(Path.Join(node.Root.Sys, "bus/pci/devices", Pf, "modalias"), "pci:garbage\n");
        var f = new PciDiscovery(node.Root).Discover(PciAddress.Parse(Pf))!;
        Assert.Equal(("8086", "1592", "8086", "0002", "020000"), (f.VendorId, f.DeviceId, f.SubsystemVendorId, f.SubsystemDeviceId, f.ClassCode));
    }

    [Fact]
    public void Dangling_device_link_reports_the_target()
    {
        using var node = SimNodes.TreeWithVfs("intel-e810", vfs: 2);
        var vfDir = new DirectoryInfo(Path.Join(node.Root.Sys, "bus/pci/devices", Vf)).ResolveLinkTarget(true)!.FullName;
        Directory.Delete(vfDir, recursive: true);

        var inventory = new PciDiscovery(node.Root).DiscoverAll();
        var f = inventory.Find(PciAddress.Parse(Vf))!;
        var problem = Assert.Single(f.Problems);
        Assert.Equal(".", problem.Attribute);
        Assert.Contains("dangles", problem.Reason);
        Assert.Null(f.Driver);

        // Its PF still lists it, and the PF's index map still names it.
        Assert.Contains(inventory.Find(PciAddress.Parse(Pf))!.Vfs, s => s.Address.ToString() == Vf);
    }

    [Fact]
    public void Vf_not_listed_by_its_pf_has_no_index()
    {
        using var node = SimNodes.TreeWithVfs("intel-e810", vfs: 2);
        File.Delete(Path.Join(node.Root.Sys, "bus/pci/devices", Pf, "virtfn1"));
        var f = new PciDiscovery(node.Root).Discover(PciAddress.Parse(Vf))!;
        Assert.Equal(PciAddress.Parse(Pf), f.PhysFn);
        Assert.Null(f.VfIndex);
        Assert.Contains(f.Problems, p => p.Attribute == "physfn" && p.Reason.Contains("no virtfn link", StringComparison.Ordinal));
    }

    [Fact]
    public void Entries_that_are_not_pci_addresses_are_ignored()
    {
        using var node = SimNodes.TreeWithVfs("accel", vfs: 0);
        Directory.CreateDirectory(Path.Join(node.Root.Sys, "bus/pci/devices", "garbage"));
        Assert.Equal(2, new PciDiscovery(node.Root).DiscoverAll().Count);
    }

    private static void Apply(string dir, string[] step)
    {
        var path = Path.Join(dir, step[1]);
        switch (step[0])
        {
            case "write":
                File.WriteAllText(path, step[2] + "\n");
                break;
            case "delete":
                File.Delete(path);
                break;
            case "rmdir":
                Directory.Delete(path, recursive: true);
                break;
            case "link":
                File.Delete(path);
                File.CreateSymbolicLink(path, step[2]);
                break;
            case "file":
                File.Delete(path);
                File.WriteAllText(path, "0000:3b:00.0\n");
                break;
            default:
                throw new ArgumentException(step[0]);
        }
    }
}
