using Sriov.Host.Sysfs;
using Sriov.Sim.Node;
using Sriov.Sim.Node.Profiles;
using Sriov.Sim.VfDriver;

namespace Sriov.Sim.Scenario;

/// <summary>
/// A simulated node to run scenarios against, the counterpart of the real igb guest: the profile's node with veth
/// interfaces (so RouteNetlink moves real interfaces between real namespaces; needs root), the driver emulator of
/// the PF's driver attached to it (<see cref="NodeVfDriver"/>), and the node's token in front of every name.
/// </summary>
internal sealed class SimScenarioTarget : IDisposable
{
    private readonly SimNode _node;
    private readonly NodeVfDriver _driver;

    private SimScenarioTarget(SimNode node, NodeVfDriver driver, SimSysfsWriter writer, ScenarioTarget target)
    {
        _node = node;
        _driver = driver;
        Writer = writer;
        Target = target;
    }

    public ScenarioTarget Target { get; }

    /// <summary>The writer the runner's PciControl uses: it turns the emulator's rejections into the write's errno.</summary>
    public SimSysfsWriter Writer { get; }

    public SimNode Node => _node;

    /// <summary>A node from <paramref name="profile"/> (its first port is the PF), with the IOMMU on or off.</summary>
    public static SimScenarioTarget Create(string profile, bool iommu)
    {
        var description = NodeProfiles.Get(profile);
        description.Iommu = iommu ? "on" : "off";
        var port = description.Ports[0];
        var driverProfile = VfDriverProfile.ByName(port.Driver);
        var node = SimNode.Create(description, new SimNodeOptions { Netdevs = NetdevMode.Veth });
        try
        {
            var driver = new NodeVfDriver(node, driverProfile);
            var writer = new SimSysfsWriter(node);
            var target = new ScenarioTarget
            {
                Root = node.Root,
                Writer = writer,
                Pf = PciAddress.Parse(port.PciAddress),
                VfControl = driver,
                Name = "sim:" + profile,
                NamePrefix = node.Token,
                SettleAsync = ct => node.WaitIdleAsync(cancellationToken: ct),

                // The simulator has no devlink; of the PF drivers it emulates only igb runs here, which has none either.
                EswitchMode = _ => driverProfile == VfDriverProfile.Igb
                    ? Sriov.Host.Netlink.EswitchMode.NotSupported
                    : throw new ScenarioException($"the simulator has no devlink e-switch for {port.Driver}"),
            };
            return new SimScenarioTarget(node, driver, writer, target);
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _driver.Dispose();
        _node.Dispose();
    }
}
