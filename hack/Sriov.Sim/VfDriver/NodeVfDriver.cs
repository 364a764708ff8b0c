using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Host.VfControl;
using Sriov.Sim.Node;
using Sriov.Sim.Node.Netdevs;

namespace Sriov.Sim.VfDriver;

/// <summary>
/// The <see cref="VfDriverEmulator"/> attached to a <see cref="SimNode"/>, so the node's PFs answer VF requests like
/// their driver: one emulated PF per port interface, named as the interface is in the node (with the veth token);
/// its VFs follow the node's <c>sriov_numvfs</c>, and re-created VFs start from the driver's defaults (igb allocates
/// fresh per-VF data in igb_enable_sriov); a rate limit sees the PF interface's carrier at that moment; a VF interface
/// registered by a later probe starts with the admin MAC (igbvf takes it from the PF at probe), and with
/// <see cref="MacPropagation.Late"/> the VF interface's MAC changes after the delay (iavf). The simulator's own
/// plumbing uses iproute2, never the code under test.
/// </summary>
public sealed class NodeVfDriver : IVfControl, IVfNetdevMacSink, IDisposable
{
    private readonly SimNode _node;
    private readonly Dictionary<PciAddress, string> _nameByPf = [];

    public NodeVfDriver(SimNode node, VfDriverProfile profile, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(profile);
        _node = node;
        Emulator = new VfDriverEmulator(profile, time, this);
        var discovery = new PciDiscovery(node.Root);
        foreach (var port in node.Description.Ports)
        {
            var address = PciAddress.Parse(port.PciAddress);
            if (discovery.Discover(address) is { Netdevs.Count: > 0 } pf)
            {
                _nameByPf[address] = pf.Netdevs[0].Name;
                Emulator.AddPf(pf.Netdevs[0].Name, pf.NumVfs ?? 0, Carrier(pf.Netdevs[0].Name));
            }
        }

        node.NumVfsChanged += OnNumVfsChanged;
        node.VfAdminMac = AdminMac;
    }

    /// <summary>The emulator behind it, e.g. for scripted failures (<see cref="VfDriverEmulator.FailNext"/>) and its log.</summary>
    public VfDriverEmulator Emulator { get; }

    /// <summary>The PF interface names the emulator answers for, by PF address.</summary>
    public IReadOnlyDictionary<PciAddress, string> PfNames => _nameByPf;

    public IReadOnlyList<VfInfo> GetVfs(string pf)
    {
        Present(pf, VfOperations.Get(pf));
        return Emulator.GetVfs(pf);
    }

    public VfInfo GetVf(string pf, int vf)
    {
        Present(pf, VfOperations.Get(pf));
        return Emulator.GetVf(pf, vf);
    }

    public void SetMac(string pf, int vf, MacAddress mac)
    {
        Present(pf, VfOperations.Mac(pf, vf, mac));
        Emulator.SetMac(pf, vf, mac);
    }

    public void SetVlan(string pf, int vf, int vlan, int qos = 0, VlanProtocol? protocol = null)
    {
        Present(pf, VfOperations.Vlan(pf, vf, vlan, qos, protocol));
        Emulator.SetVlan(pf, vf, vlan, qos, protocol);
    }

    public void SetRate(string pf, int vf, int minTxRateMbps, int maxTxRateMbps)
    {
        if (Present(pf, VfOperations.Rate(pf, vf, minTxRateMbps, maxTxRateMbps)))
        {
            Emulator.SetPfCarrier(pf, Carrier(pf));
        }

        Emulator.SetRate(pf, vf, minTxRateMbps, maxTxRateMbps);
    }

    public void SetSpoofCheck(string pf, int vf, bool enabled)
    {
        Present(pf, VfOperations.SpoofCheck(pf, vf, enabled));
        Emulator.SetSpoofCheck(pf, vf, enabled);
    }

    public void SetTrust(string pf, int vf, bool trusted)
    {
        Present(pf, VfOperations.Trust(pf, vf, trusted));
        Emulator.SetTrust(pf, vf, trusted);
    }

    public void SetLinkState(string pf, int vf, VfLinkState state)
    {
        Present(pf, VfOperations.LinkState(pf, vf, state));
        Emulator.SetLinkState(pf, vf, state);
    }

    public void SetNodeGuid(string pf, int vf, ulong nodeGuid)
    {
        Present(pf, VfOperations.NodeGuid(pf, vf, nodeGuid));
        Emulator.SetNodeGuid(pf, vf, nodeGuid);
    }

    public void SetPortGuid(string pf, int vf, ulong portGuid)
    {
        Present(pf, VfOperations.PortGuid(pf, vf, portGuid));
        Emulator.SetPortGuid(pf, vf, portGuid);
    }

    /// <summary>Sets the MAC of the VF's interface while it is in the host namespace (iproute2, or the file in files mode).</summary>
    public void VfNetdevMacChanged(string pf, int vf, MacAddress mac)
    {
        var address = _nameByPf.FirstOrDefault(p => p.Value == pf).Key;
        var net = _node.Root.Resolve($"sys/bus/pci/devices/{address}/virtfn{vf}/net");
        if (!Directory.Exists(net) || Directory.EnumerateFileSystemEntries(net).Select(Path.GetFileName).FirstOrDefault() is not { } name)
        {
            return;
        }

        if (_node.Netdevs == NetdevMode.Veth)
        {
            IpCommand.TryRun(["link", "set", name, "address", mac.ToString()]);
        }
        else
        {
            File.WriteAllText(Path.Join(net, name, "address"), mac + "\n");
        }
    }

    public void Dispose()
    {
        _node.NumVfsChanged -= OnNumVfsChanged;
        _node.VfAdminMac = null;
    }

    /// <summary>
    /// True for a PF of this node whose interface exists; ENODEV (as rtnetlink answers for a missing device) when the
    /// interface is gone, e.g. while the PF is unbound from its driver; false for names the emulator answers itself.
    /// </summary>
    private bool Present(string pf, string operation)
    {
        if (!_nameByPf.ContainsValue(pf))
        {
            return false;
        }

        return Directory.Exists(_node.Root.Resolve("sys/class/net/" + pf))
            ? true
            : throw new NetlinkException(operation, Errno.ENODEV);
    }

    private void OnNumVfsChanged(PciAddress pf, int count)
    {
        if (_nameByPf.TryGetValue(pf, out var name))
        {
            Emulator.SetNumVfs(name, count);
        }
    }

    private string? AdminMac(PciAddress pf, int vf)
    {
        if (!_nameByPf.TryGetValue(pf, out var name))
        {
            return null;
        }

        var vfs = Emulator.GetVfs(name);
        return vf < vfs.Count && !vfs[vf].Mac.IsZero ? vfs[vf].Mac.ToString() : null;
    }

    // A down interface answers EINVAL for carrier (net-sysfs carrier_show), which reads as no carrier.
    private bool Carrier(string pf)
    {
        try
        {
            return File.ReadAllText(_node.Root.Resolve($"sys/class/net/{pf}/carrier")).Trim() == "1";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
