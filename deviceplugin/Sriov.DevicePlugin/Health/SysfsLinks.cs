using Sriov.Host.Sysfs;

namespace Sriov.DevicePlugin.Health;

/// <summary>The link state of every netdev discovery saw, from its sysfs <c>carrier</c> (the baseline events refine).</summary>
internal static class SysfsLinks
{
    public static Dictionary<string, LinkState> Read(PciInventory inventory)
    {
        var links = new Dictionary<string, LinkState>(StringComparer.Ordinal);
        foreach (var f in inventory)
        {
            if (!f.IsPhysicalFunction)
            {
                continue;
            }

            foreach (var netdev in f.Netdevs)
            {
                links[netdev.Name] = LinkState.From(netdev);
            }
        }

        return links;
    }
}
