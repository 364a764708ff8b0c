using System.Globalization;
using Sriov.Host;
using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

namespace Sriov.Sim.VfDriver;

/// <summary>
/// PF-side VF control for a simulated node (file netdevs, where no real PF exists for netlink): one
/// <see cref="VfDriverEmulator"/> per PF, with the profile of the PF's driver (igb, ice/i40e, mlx5), kept in step with
/// the node: before each request the PF's VF count is read from its sysfs <c>sriov_numvfs</c>, and a changed count
/// re-creates the emulator's VFs (as the kernel does). PFs are known by their interface name under
/// <c>sys/class/net</c>. Thread-safe.
/// </summary>
public sealed class SimNodeVfControl(HostRoot root) : IVfControl
{
    private readonly Dictionary<string, VfDriverEmulator> _byPf = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Every set request that reached an emulator (with its outcome), in order per PF.</summary>
    public IReadOnlyList<string> Sets
    {
        get
        {
            lock (_gate)
            {
                return [.. _byPf.Values.Distinct().SelectMany(e => e.Log)];
            }
        }
    }

    /// <summary>The emulator of a PF (by interface name), in step with the node.</summary>
    public VfDriverEmulator Emulator(string pf)
    {
        lock (_gate)
        {
            Sync(pf);
            return _byPf[pf];
        }
    }

    public IReadOnlyList<VfInfo> GetVfs(string pf) => Emulator(pf).GetVfs(pf);

    public VfInfo GetVf(string pf, int vf) => Emulator(pf).GetVf(pf, vf);

    public void SetMac(string pf, int vf, MacAddress mac) => Emulator(pf).SetMac(pf, vf, mac);

    public void SetVlan(string pf, int vf, int vlan, int qos = 0, VlanProtocol? protocol = null) => Emulator(pf).SetVlan(pf, vf, vlan, qos, protocol);

    public void SetRate(string pf, int vf, int minTxRateMbps, int maxTxRateMbps) => Emulator(pf).SetRate(pf, vf, minTxRateMbps, maxTxRateMbps);

    public void SetSpoofCheck(string pf, int vf, bool enabled) => Emulator(pf).SetSpoofCheck(pf, vf, enabled);

    public void SetTrust(string pf, int vf, bool trusted) => Emulator(pf).SetTrust(pf, vf, trusted);

    public void SetLinkState(string pf, int vf, VfLinkState state) => Emulator(pf).SetLinkState(pf, vf, state);

    public void SetNodeGuid(string pf, int vf, ulong nodeGuid) => Emulator(pf).SetNodeGuid(pf, vf, nodeGuid);

    public void SetPortGuid(string pf, int vf, ulong portGuid) => Emulator(pf).SetPortGuid(pf, vf, portGuid);

    private void Sync(string pf)
    {
        var device = Path.Join(root.Resolve("sys/class/net"), pf, "device");
        if (!Directory.Exists(device) || !File.Exists(Path.Join(device, "sriov_numvfs")))
        {
            throw new NetlinkException($"get link {pf}", Errno.ENODEV);
        }

        var count = int.Parse(File.ReadAllText(Path.Join(device, "sriov_numvfs")).Trim(), CultureInfo.InvariantCulture);
        if (!_byPf.TryGetValue(pf, out var emulator))
        {
            var driver = Path.GetFileName(new DirectoryInfo(Path.Join(device, "driver")).ResolveLinkTarget(true)!.FullName);
            emulator = new VfDriverEmulator(VfDriverProfile.ByName(driver));
            emulator.AddPf(pf, count);
            _byPf[pf] = emulator;
        }
        else if (emulator.GetVfs(pf).Count != count)
        {
            emulator.SetNumVfs(pf, count);
        }
    }
}
