using System.Globalization;
using Sriov.DevicePlugin.Config;
using Sriov.Host;
using Sriov.Host.Ownership;
using Sriov.Host.Sysfs;

namespace Sriov.DevicePlugin.Discovery;

/// <summary>
/// The I/O half of discovery: one <see cref="PciDiscovery.DiscoverAll"/> pass, one default-route dump, the
/// reconfiguring markers, and the extras only where a function or the config needs them (no per-VF netlink call, no
/// driver-computed attribute except <c>phys_port_name</c> on PFs with several netdevs).
/// </summary>
internal sealed class HostScanner
{
    private readonly HostRoot _root;
    private readonly PciDiscovery _discovery;
    private readonly IDefaultRoutes _routes;
    private readonly DdpProfileCache _ddp;

    public HostScanner(HostRoot root, IDefaultRoutes routes, IDdpProfiles ddp)
    {
        _root = root;
        _discovery = new PciDiscovery(root);
        _routes = routes;
        _ddp = new DdpProfileCache(ddp);
    }

    public NodeSnapshot Scan(PoolConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var inventory = _discovery.DiscoverAll();
        var extras = new Dictionary<PciAddress, FunctionExtras>();
        var rdma = false;
        foreach (var f in inventory)
        {
            if (f.ClassCode is not { } cls || !(cls.StartsWith("02", StringComparison.Ordinal) || cls.StartsWith("12", StringComparison.Ordinal)))
            {
                continue;
            }

            rdma |= f.RdmaDevices.Count > 0;
            if (Extras(f, config) is { } e)
            {
                extras[f.Address] = e;
            }
        }

        _ddp.EndRound();
        return new NodeSnapshot
        {
            Inventory = inventory,
            DefaultRouteNetdevs = _routes.Read(),
            ReconfiguringPfs = ReconfiguringMarker.List(_root).ToHashSet(StringComparer.Ordinal),
            Extras = extras,
            AuxDevices = config.NeedsAuxDevices ? AuxDevices(inventory) : [],
            Rdma = rdma ? RdmaCharDevices() : new Dictionary<string, RdmaCharDevices>(),
            VhostNet = File.Exists(_root.Resolve("dev/vhost-net")) && File.Exists(_root.Resolve("dev/net/tun")),
        };
    }

    private FunctionExtras? Extras(PciFunction f, PoolConfig config)
    {
        var e = FunctionExtras.None;
        if (f.Driver == "vfio-pci" && f.IommuGroup is not null)
        {
            var name = SysText.Read(Path.Join(f.SysPath, "iommu_group", "name"));
            e = e with { NoIommu = name?.Contains("vfio-noiommu", StringComparison.Ordinal) == true };
        }

        if (f.Driver is "igb_uio" or "uio_pci_generic" or "uio")
        {
            e = e with { UioDevice = SysText.List(Path.Join(f.SysPath, "uio")).FirstOrDefault() };
        }

        if (f.Netdevs.Count > 1 && f.IsPhysicalFunction)
        {
            // A switchdev PF lists its representors beside the uplink; the uplink's phys_port_name is p<N>.
            e = e with { Uplink = f.Netdevs.FirstOrDefault(n => n.ReadPhysPortName() is { } p && SysNames.IsUplinkPortName(p))?.Name };
        }

        if (config.NeedsVdpa && f.Driver is not null)
        {
            e = e with { Vdpa = Vdpa(f) };
        }

        if (config.NeedsPKeys && f.RdmaDevices.Count > 0)
        {
            var text = SysText.Read(Path.Join(f.SysPath, "infiniband", f.RdmaDevices[0], "ports", "1", "pkeys", "0"));
            var digits = text is not null && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
            e = e with { PKey = int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var key) ? key : null };
        }

        if (config.NeedsDdp && f.Driver is not null && f.ClassCode!.StartsWith("02", StringComparison.Ordinal))
        {
            e = e with { DdpProfile = _ddp.Read(f.Address, f.Driver) };
        }

        return e == FunctionExtras.None ? null : e;
    }

    private static VdpaDevice? Vdpa(PciFunction f)
    {
        var name = SysText.List(f.SysPath).FirstOrDefault(SysNames.IsVdpaDevice);
        if (name is null)
        {
            return null;
        }

        var dir = Path.Join(f.SysPath, name);
        var type = SysText.LinkName(Path.Join(dir, "driver")) switch
        {
            "vhost_vdpa" => "vhost",
            "virtio_vdpa" => "virtio",
            _ => null,
        };
        var vhost = type == "vhost" ? SysText.List(dir).FirstOrDefault(n => n.StartsWith("vhost-vdpa-", StringComparison.Ordinal)) : null;
        return new VdpaDevice(name, type, vhost is null ? null : "/dev/" + vhost);
    }

    private List<AuxFunction> AuxDevices(PciInventory inventory)
    {
        var list = new List<AuxFunction>();
        var bus = _root.Resolve("sys/bus/auxiliary/devices");
        foreach (var parent in inventory)
        {
            if (parent.ClassCode?.StartsWith("02", StringComparison.Ordinal) != true || parent.Netdevs.Count == 0)
            {
                continue;
            }

            foreach (var name in SysText.List(parent.SysPath))
            {
                if (SysNames.AuxType(name) is not { } type)
                {
                    continue;
                }

                var dir = Path.Join(bus, name);
                var net = SysText.List(Path.Join(dir, "net")).FirstOrDefault();
                var sf = SysText.Read(Path.Join(dir, "sfnum"));
                list.Add(new AuxFunction
                {
                    Name = name,
                    Parent = parent.Address,
                    Type = type,
                    SfNumber = int.TryParse(sf, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
                    Netdev = net,
                    NetdevType = net is null ? null : int.TryParse(SysText.Read(Path.Join(dir, "net", net, "type")), CultureInfo.InvariantCulture, out var t) ? t : null,
                    RdmaDevices = SysText.List(Path.Join(dir, "infiniband")),
                });
            }
        }

        return list;
    }

    private Dictionary<string, RdmaCharDevices> RdmaCharDevices()
    {
        var paths = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var cls in new[] { "infiniband_cm", "infiniband_mad", "infiniband_verbs" })
        {
            var dir = _root.Resolve("sys/class/" + cls);
            foreach (var entry in SysText.List(dir))
            {
                if (SysText.Read(Path.Join(dir, entry, "ibdev")) is { Length: > 0 } ibdev)
                {
                    (paths.TryGetValue(ibdev, out var l) ? l : paths[ibdev] = []).Add("/dev/infiniband/" + entry);
                }
            }
        }

        return paths.ToDictionary(p => p.Key, p => new RdmaCharDevices(p.Key, p.Value), StringComparer.Ordinal);
    }

}
