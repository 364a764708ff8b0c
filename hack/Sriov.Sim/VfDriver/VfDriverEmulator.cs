using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

namespace Sriov.Sim.VfDriver;

/// <summary>
/// A stateful <see cref="IVfControl"/> that answers like a real PF driver (profile: igb, ice/iavf, mlx5): it keeps each
/// VF's attributes, refuses what the driver refuses with the same errno, and throws the same
/// <see cref="NetlinkException"/> text as <see cref="NetlinkVfControl"/>. Checks the kernel itself makes come first
/// (unknown PF: ENODEV; VLAN over 4095 or QoS over 7: EINVAL), then the driver's (VF number out of range: EINVAL).
/// Scripted failures (<see cref="FailNext"/>) reproduce transient driver errors such as EBUSY then success. Thread-safe.
/// </summary>
public sealed class VfDriverEmulator : IVfControl
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Pf> _pfs = new(StringComparer.Ordinal);
    private readonly List<(string Pf, VfOperation Op, int Errno, int Times)> _script = [];
    private readonly List<string> _log = [];
    private readonly TimeProvider _time;
    private readonly IVfNetdevMacSink? _sink;
    private readonly List<ITimer> _timers = [];

    public VfDriverEmulator(VfDriverProfile profile, TimeProvider? time = null, IVfNetdevMacSink? sink = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile;
        _time = time ?? TimeProvider.System;
        _sink = sink;
    }

    public VfDriverProfile Profile { get; }

    /// <summary>Every request, in order, with its outcome ("set VF 0 MAC ... on ens1f0: ok" or the error text).</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>Adds a PF with <paramref name="numVfs"/> VFs in their reset state.</summary>
    public void AddPf(string name, int numVfs, bool carrier = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            _pfs[name] = new Pf { Carrier = carrier };
            SetNumVfsLocked(name, numVfs);
        }
    }

    /// <summary>Re-creates the VFs (as a <c>sriov_numvfs</c> write does): every VF starts over from defaults.</summary>
    public void SetNumVfs(string pf, int numVfs)
    {
        lock (_gate)
        {
            SetNumVfsLocked(pf, numVfs);
        }
    }

    public void SetPfCarrier(string pf, bool carrier)
    {
        lock (_gate)
        {
            PfOrThrow(pf, "set carrier of " + pf).Carrier = carrier;
        }
    }

    /// <summary>The next <paramref name="times"/> requests of <paramref name="operation"/> on <paramref name="pf"/> fail with <paramref name="errno"/>.</summary>
    public void FailNext(string pf, VfOperation operation, int errno, int times = 1)
    {
        lock (_gate)
        {
            _script.Add((pf, operation, errno, times));
        }
    }

    /// <summary>The VF driver re-probes (unbind/bind): with <see cref="MacPropagation.OnDriverReload"/> the netdev takes the admin MAC now.</summary>
    public void ReloadVfDriver(string pf, int vf)
    {
        MacAddress mac;
        lock (_gate)
        {
            mac = VfOrThrow(pf, vf, $"reload VF {vf} of {pf}").Mac;
        }

        if (!mac.IsZero)
        {
            _sink?.VfNetdevMacChanged(pf, vf, mac);
        }
    }

    public IReadOnlyList<VfInfo> GetVfs(string pf)
    {
        lock (_gate)
        {
            return [.. PfOrThrow(pf, VfOperations.Get(pf)).Vfs];
        }
    }

    public VfInfo GetVf(string pf, int vf)
    {
        VfArguments.Check(pf, vf);
        lock (_gate)
        {
            var vfs = PfOrThrow(pf, VfOperations.Get(pf)).Vfs;
            return vf < vfs.Count
                ? vfs[vf]
                : throw new NetlinkException($"get VF {vf} of {pf} (the PF reports {vfs.Count} VFs)", Errno.ENODEV);
        }
    }

    public void SetMac(string pf, int vf, MacAddress mac)
    {
        VfArguments.Check(pf, vf);
        var changed = Apply(pf, vf, VfOperation.Mac, VfOperations.Mac(pf, vf, mac), info =>
            mac.IsMulticast ? Errno.EINVAL : 0, info => info with { Mac = mac });
        if (changed && !mac.IsZero)
        {
            Propagate(pf, vf, mac);
        }
    }

    public void SetVlan(string pf, int vf, int vlan, int qos = 0, VlanProtocol? protocol = null)
    {
        VfArguments.CheckVlan(pf, vf, vlan, qos, protocol);
        Apply(pf, vf, VfOperation.Vlan, VfOperations.Vlan(pf, vf, vlan, qos, protocol),
            _ => protocol == VlanProtocol.Dot1AD && !Profile.Dot1AD ? Errno.EPROTONOSUPPORT : 0,
            info => info with { Vlan = vlan, Qos = qos, VlanProtocol = protocol ?? VlanProtocol.Dot1Q });
    }

    public void SetRate(string pf, int vf, int minTxRateMbps, int maxTxRateMbps)
    {
        VfArguments.CheckRate(pf, vf, minTxRateMbps, maxTxRateMbps);
        Apply(pf, vf, VfOperation.Rate, VfOperations.Rate(pf, vf, minTxRateMbps, maxTxRateMbps), _ =>
        {
            if ((minTxRateMbps != 0 && !Profile.MinRate) || maxTxRateMbps > Profile.LinkSpeedMbps)
            {
                return Errno.EINVAL;
            }

            return Profile.RateNeedsCarrier && !_pfs[pf].Carrier ? Errno.EINVAL : 0;
        }, info => info with { MinTxRateMbps = minTxRateMbps, MaxTxRateMbps = maxTxRateMbps });
    }

    public void SetSpoofCheck(string pf, int vf, bool enabled)
    {
        VfArguments.Check(pf, vf);
        Apply(pf, vf, VfOperation.SpoofCheck, VfOperations.SpoofCheck(pf, vf, enabled), _ => 0, info => info with { SpoofCheck = enabled });
    }

    public void SetTrust(string pf, int vf, bool trusted)
    {
        VfArguments.Check(pf, vf);
        Apply(pf, vf, VfOperation.Trust, VfOperations.Trust(pf, vf, trusted), _ => 0, info => info with { Trust = trusted });
    }

    public void SetLinkState(string pf, int vf, VfLinkState state)
    {
        VfArguments.CheckLinkState(pf, vf, state);
        Apply(pf, vf, VfOperation.LinkState, VfOperations.LinkState(pf, vf, state),
            _ => Profile.LinkState ? 0 : Errno.EOPNOTSUPP, info => info with { LinkState = state });
    }

    public void SetNodeGuid(string pf, int vf, ulong nodeGuid)
    {
        VfArguments.Check(pf, vf);
        Apply(pf, vf, VfOperation.NodeGuid, VfOperations.NodeGuid(pf, vf, nodeGuid),
            _ => Profile.Guids ? 0 : Errno.EOPNOTSUPP, info => info with { NodeGuid = nodeGuid });
    }

    public void SetPortGuid(string pf, int vf, ulong portGuid)
    {
        VfArguments.Check(pf, vf);
        Apply(pf, vf, VfOperation.PortGuid, VfOperations.PortGuid(pf, vf, portGuid),
            _ => Profile.Guids ? 0 : Errno.EOPNOTSUPP, info => info with { PortGuid = portGuid });
    }

    private bool Apply(string pf, int vf, VfOperation op, string operation, Func<VfInfo, int> driverCheck, Func<VfInfo, VfInfo> change)
    {
        lock (_gate)
        {
            try
            {
                var state = PfOrThrow(pf, operation);
                var errno = vf >= state.Vfs.Count ? Errno.EINVAL : Scripted(pf, op);
                if (errno == 0)
                {
                    errno = driverCheck(state.Vfs[vf]);
                }

                if (errno != 0)
                {
                    throw new NetlinkException(operation, errno);
                }

                var before = state.Vfs[vf];
                state.Vfs[vf] = change(before);
                _log.Add(operation + ": ok");
                return state.Vfs[vf] != before;
            }
            catch (NetlinkException e)
            {
                _log.Add(e.Message);
                throw;
            }
        }
    }

    private int Scripted(string pf, VfOperation op)
    {
        var i = _script.FindIndex(s => s.Pf == pf && s.Op == op);
        if (i < 0)
        {
            return 0;
        }

        var entry = _script[i];
        if (entry.Times <= 1)
        {
            _script.RemoveAt(i);
        }
        else
        {
            _script[i] = entry with { Times = entry.Times - 1 };
        }

        return entry.Errno;
    }

    private void Propagate(string pf, int vf, MacAddress mac)
    {
        if (_sink is null)
        {
            return;
        }

        switch (Profile.MacPropagation)
        {
            case MacPropagation.Late:
                lock (_gate)
                {
                    _timers.Add(_time.CreateTimer(_ => _sink.VfNetdevMacChanged(pf, vf, mac), null, Profile.MacDelay, Timeout.InfiniteTimeSpan));
                }

                break;
            default:
                // igb: only on VF driver reload (ReloadVfDriver); mlx5: never by itself.
                break;
        }
    }

    private void SetNumVfsLocked(string pf, int numVfs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numVfs);
        var state = PfOrThrow(pf, "set VF count of " + pf);
        state.Vfs.Clear();
        for (var i = 0; i < numVfs; i++)
        {
            state.Vfs.Add(new VfInfo
            {
                Vf = i,
                SpoofCheck = true,
                Trust = false,
                LinkState = VfLinkState.Auto,
                RssQueryEnabled = Profile.ReportsRssQuery ? false : null,
            });
        }
    }

    private Pf PfOrThrow(string pf, string operation) =>
        _pfs.TryGetValue(pf, out var state) ? state : throw new NetlinkException(operation, Errno.ENODEV);

    private VfInfo VfOrThrow(string pf, int vf, string operation)
    {
        var state = PfOrThrow(pf, operation);
        return vf < state.Vfs.Count ? state.Vfs[vf] : throw new NetlinkException(operation, Errno.EINVAL);
    }

    private sealed class Pf
    {
        public bool Carrier { get; set; }

        public List<VfInfo> Vfs { get; } = [];
    }
}
