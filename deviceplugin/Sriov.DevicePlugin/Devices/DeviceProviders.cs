using System.Globalization;
using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Discovery;

namespace Sriov.DevicePlugin.Devices;

/// <summary>
/// Builds a selected device's device nodes and <c>_INFO</c> providers (spec/device-plugin.md §2.5, §4.2–4.4): generic
/// always; vfio for vfio-pci (<c>/dev/vfio/vfio</c> and the group, <c>noiommu-N</c> on the host side in no-IOMMU mode);
/// uio for uio drivers; rdma, vhost and vdpa when the selector object asked; extra from <c>additionalInfo</c>. Nodes are
/// computed before the env, so the uio and vDPA <c>mount</c> keys are always present (upstream omits them on a first
/// Allocate).
/// </summary>
internal static class DeviceProviders
{
    private static readonly HashSet<string> UioDrivers = new(StringComparer.Ordinal) { "igb_uio", "uio_pci_generic", "uio" };

    public static PoolDevice Build(DeviceCandidate d, SelectorSpec selector, PoolSpec pool, NodeSnapshot snapshot)
    {
        var nodes = new List<DeviceNode>();
        var env = new List<EnvProvider> { EnvProvider.Of("generic", ("deviceID", d.Id)) };
        if (d.Driver == "vfio-pci" && !d.IsAuxiliary)
        {
            Vfio(d, nodes, env);
        }
        else if (UioDrivers.Contains(d.Driver) && d.Extras.UioDevice is { } uio && !d.IsAuxiliary)
        {
            var path = "/dev/" + uio;
            nodes.Add(DeviceNode.Same(path));
            env.Add(EnvProvider.Of("uio", ("mount", path)));
        }

        var rdma = selector.IsRdma ? d.RdmaDevices : [];
        if (rdma.Count > 0)
        {
            Rdma(rdma, snapshot, nodes, env);
        }

        if (selector.NeedVhostNet && snapshot.VhostNet)
        {
            nodes.Add(DeviceNode.Same("/dev/vhost-net"));
            nodes.Add(DeviceNode.Same("/dev/net/tun"));
            env.Add(EnvProvider.Of("vhost", ("net-mount", "/dev/vhost-net"), ("tun-mount", "/dev/net/tun")));
        }

        var vdpa = selector.VdpaType is not null ? d.Extras.Vdpa : null;
        if (vdpa is { Type: "vhost", CharDevice: { } vhost })
        {
            nodes.Add(DeviceNode.Same(vhost));
            env.Add(EnvProvider.Of("vdpa", ("mount", vhost)));
        }

        if (Extra(d, pool) is { } extra)
        {
            env.Add(extra);
        }

        return new PoolDevice
        {
            Candidate = d,
            Numa = pool.ExcludeTopology || d.NumaNode < 0 ? null : d.NumaNode,
            Nodes = nodes,
            Env = env,
            Rdma = rdma,
            Vdpa = vdpa,
        };
    }

    private static void Vfio(DeviceCandidate d, List<DeviceNode> nodes, List<EnvProvider> env)
    {
        nodes.Add(DeviceNode.Same("/dev/vfio/vfio"));
        if (d.IommuGroup is not { } group)
        {
            // vfio-pci cannot bind without a group, so this is a function caught mid-change: only the container node.
            env.Add(EnvProvider.Of("vfio", ("mount", "/dev/vfio/vfio")));
            return;
        }

        var number = group.ToString(CultureInfo.InvariantCulture);
        var container = "/dev/vfio/" + number;
        nodes.Add(new DeviceNode(d.Extras.NoIommu ? "/dev/vfio/noiommu-" + number : container, container));
        env.Add(EnvProvider.Of("vfio", ("mount", "/dev/vfio/vfio"), ("dev-mount", container)));
    }

    private static void Rdma(IReadOnlyList<string> devices, NodeSnapshot snapshot, List<DeviceNode> nodes, List<EnvProvider> env)
    {
        var paths = new List<string>();
        foreach (var device in devices)
        {
            if (snapshot.Rdma.TryGetValue(device, out var chars))
            {
                paths.AddRange(chars.Paths);
            }
        }

        paths.Add(RdmaCharDevices.RdmaCm);
        foreach (var p in paths.Distinct(StringComparer.Ordinal))
        {
            nodes.Add(DeviceNode.Same(p));
        }

        string Find(string word) => paths.FirstOrDefault(p => Path.GetFileName(p).Contains(word, StringComparison.Ordinal)) ?? "";
        env.Add(EnvProvider.Of("rdma",
            ("rdma_cm", RdmaCharDevices.RdmaCm), ("rdma_dev", devices[0]), ("uverbs", Find("uverbs")), ("umad", Find("umad")), ("issm", Find("issm"))));
    }

    private static EnvProvider? Extra(DeviceCandidate d, PoolSpec pool)
    {
        if (pool.AdditionalInfo.Count == 0)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        void Merge(IReadOnlyDictionary<string, string>? from)
        {
            foreach (var (k, v) in from ?? new Dictionary<string, string>())
            {
                if (!values.ContainsKey(k))
                {
                    order.Add(k);
                }

                values[k] = v;
            }
        }

        Merge(pool.AdditionalInfo.GetValueOrDefault("*"));
        Merge(pool.AdditionalInfo.GetValueOrDefault(d.Pci.ToString()));
        return values.Count == 0 ? null : new EnvProvider("extra", [.. order.Select(k => new KeyValuePair<string, string>(k, values[k]))]);
    }
}
