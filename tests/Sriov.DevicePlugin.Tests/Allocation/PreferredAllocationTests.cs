using Sriov.DevicePlugin.Allocation;
using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Devices;
using Sriov.DevicePlugin.Selection;
using Sriov.DevicePlugin.Tests.Support;

namespace Sriov.DevicePlugin.Tests.Allocation;

/// <summary>
/// Node: PF A 3b:00.0 (NUMA 0) VFs 3b:01.0-3, PF B 3b:00.1 (NUMA 0) VFs 3b:11.0-3, PF C 5e:00.0 (NUMA 1) VFs 5e:01.0-3,
/// one VF without NUMA (af:01.0).
/// </summary>
public class PreferredAllocationTests
{
    private static readonly IReadOnlyDictionary<string, PoolDevice> Pool = Build();

    private static Dictionary<string, PoolDevice> Build()
    {
        var functions = new List<Sriov.Host.Sysfs.PciFunction>
        {
            Functions.Pf("0000:3b:00.0", "a", 4, 4), Functions.Pf("0000:3b:00.1", "b", 4, 4), Functions.Pf("0000:5e:00.0", "c", 4, 4, numa: 1),
            Functions.Pf("0000:af:00.0", "d", 1, 1, numa: -1), Functions.Vf("0000:af:00.0", 0, numa: -1),
        };
        for (var i = 0; i < 4; i++)
        {
            functions.Add(Functions.Vf("0000:3b:00.0", i));
            functions.Add(Functions.Vf("0000:3b:00.1", i));
            functions.Add(Functions.Vf("0000:5e:00.0", i, numa: 1));
        }

        var config = ConfigLoader.Parse("""{"resourceList":[{"resourceName":"r","selectors":{}}]}""", "t", "intel.com");
        return PoolBuilder.Build(config, Functions.Snapshot([.. functions])).Pools[0].Devices.ToDictionary(d => d.Id);
    }

    private static string Choose(int size, string available = "", string must = "")
    {
        var all = available.Length == 0 ? Pool.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList() : Expand(available);
        return string.Join(" ", PreferredAllocation.Choose(all, Expand(must), size, Pool).Select(id => id[5..]));
    }

    private static List<string> Expand(string ids) =>
        ids.Length == 0 ? [] : ids.Split(' ').Select(i => "0000:" + i).ToList();

    [Theory]
    [InlineData(1, "", "", "3b:01.0")]
    [InlineData(2, "", "", "3b:01.0 3b:11.0")]
    [InlineData(4, "", "", "3b:01.0 3b:11.0 3b:01.1 3b:11.1")]
    [InlineData(2, "", "5e:01.2", "5e:01.2 5e:01.0")]
    [InlineData(3, "", "3b:01.0 3b:01.1", "3b:01.0 3b:01.1 3b:11.0")]
    [InlineData(2, "3b:01.0 3b:01.1 5e:01.0 5e:01.1 5e:01.2", "", "5e:01.0 5e:01.1")]
    [InlineData(3, "3b:01.0 5e:01.0 af:01.0", "", "3b:01.0 5e:01.0 af:01.0")]
    [InlineData(9, "", "", "3b:01.0 3b:11.0 3b:01.1 3b:11.1 3b:01.2 3b:11.2 3b:01.3 3b:11.3 5e:01.0")]
    [InlineData(1, "af:01.0 5e:01.3", "", "5e:01.3")]
    [InlineData(2, "", "3b:01.0 3b:01.1 3b:01.2", "3b:01.0 3b:01.1")]
    public void Same_numa_first_then_spread_across_pfs(int size, string available, string must, string expected) =>
        Assert.Equal(expected, Choose(size, available, must));

    [Fact]
    public void Unknown_ids_are_used_last()
    {
        var chosen = PreferredAllocation.Choose(["0000:99:00.0", "0000:3b:01.0"], [], 2, Pool);
        Assert.Equal(["0000:3b:01.0", "0000:99:00.0"], chosen);
    }
}
