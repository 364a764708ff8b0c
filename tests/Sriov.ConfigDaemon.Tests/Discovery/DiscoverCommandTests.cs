using System.Text.Json;
using Sriov.ConfigDaemon.Tests.Support;

namespace Sriov.ConfigDaemon.Tests.Discovery;

/// <summary><c>sriov-network-config-daemon discover [--host-root R]</c>: the status as JSON, and nothing changed.</summary>
public sealed class DiscoverCommandTests
{
    [Fact]
    public async Task Discover_prints_the_status_interfaces_with_the_crd_field_names_and_changes_nothing()
    {
        using var node = Nodes.WithVfs("intel-e810", 2);
        await node.WaitIdleAsync();
        var sim = new SimHost(node);
        var kernelWrites = node.ClientWrites;

        var (code, stdout, stderr) = await Daemon.RunAsync(sim, "discover", "--host-root", node.Root.Path);

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(["interfaces"], json.RootElement.EnumerateObject().Select(p => p.Name));
        var interfaces = json.RootElement.GetProperty("interfaces").EnumerateArray().ToList();
        Assert.Equal(["0000:3b:00.0", "0000:3b:00.1"], interfaces.Select(i => i.GetProperty("pciAddress").GetString()));
        var pf = interfaces[0];
        var port = node.Description.Ports[0];
        Assert.Subset(Names(pf), new HashSet<string>
        {
            "name", "mac", "driver", "pciAddress", "vendor", "deviceID", "mtu", "numVfs", "totalvfs", "linkSpeed", "linkType",
            "linkAdminState", "eSwitchMode", "Vfs",
        });
        Assert.Empty(Names(pf).Except(["name", "mac", "driver", "pciAddress", "vendor", "deviceID", "netFilter", "mtu", "numVfs",
            "linkSpeed", "linkType", "linkAdminState", "eSwitchMode", "externallyManaged", "totalvfs", "Vfs", "altNames"]));
        Assert.Equal((port.Netdev, "ice", port.Vendor, port.Device), (pf.GetProperty("name").GetString(), pf.GetProperty("driver").GetString(),
            pf.GetProperty("vendor").GetString(), pf.GetProperty("deviceID").GetString()));
        Assert.Equal((2, 128, "ETH", "legacy"), (pf.GetProperty("numVfs").GetInt32(), pf.GetProperty("totalvfs").GetInt32(),
            pf.GetProperty("linkType").GetString(), pf.GetProperty("eSwitchMode").GetString()));

        var vfs = pf.GetProperty("Vfs").EnumerateArray().ToList();
        Assert.Equal([0, 1], vfs.Select(v => v.GetProperty("vfID").GetInt32()));
        Assert.Subset(Names(vfs[0]), new HashSet<string> { "name", "mac", "driver", "pciAddress", "vendor", "deviceID", "Vlan", "mtu", "vfID" });
        Assert.Empty(Names(vfs[0]).Except(["name", "mac", "assigned", "driver", "pciAddress", "vendor", "deviceID", "Vlan", "mtu", "vfID",
            "vdpaType", "representorName", "guid"]));
        Assert.Equal(("iavf", port.VfDevice, 0), (vfs[0].GetProperty("driver").GetString(), vfs[0].GetProperty("deviceID").GetString(),
            vfs[0].GetProperty("Vlan").GetInt32()));

        Assert.Equal(0, sim.Changes); // no sysfs write, link call or PF-side VF change through any seam
        Assert.Equal(kernelWrites, node.ClientWrites);
        Assert.False(Directory.Exists(Path.Join(node.Root.OperatorState, "pci")), "discover wrote PF records");
    }

    private static HashSet<string> Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];
}
