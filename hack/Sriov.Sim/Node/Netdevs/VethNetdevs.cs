using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sriov.Sim.Node.Kernel;

namespace Sriov.Sim.Node.Netdevs;

/// <summary>
/// Interfaces as real veth pairs: the end named like the VF netdev (with the node token in front) lives in the host
/// netns, where <c>&lt;device&gt;/net/&lt;if&gt;</c> links to its real sysfs directory so MAC, MTU, operstate and carrier are
/// live; the peer (up, so the end has carrier) lives in the node's own netns, named after the PCI address.
/// The pair is followed between namespaces: the link disappears while the end is in another netns (as a real VF's
/// sysfs entry does) and comes back when it returns; when the netns holding it is deleted, which kills a veth, the pair
/// is re-created in the host the way the kernel returns a real VF (keeping the name it had there, or
/// <c>dev&lt;ifindex&gt;</c> when that name is taken: net/core/dev.c default_device_exit_net).
/// </summary>
internal sealed class VethNetdevs : INetdevBackend
{
    private static readonly TimeSpan Backstop = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(15);

    private readonly SysfsTree _tree;
    private readonly string _token;
    private readonly string _netns;
    private readonly Action<Action> _post;
    private readonly Lock _lock = new();
    private readonly Dictionary<SimFunction, Slot> _slots = [];
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _watcher;
    private readonly Process _monitor;
    private int? _hostNsid;
    private int? _ourNsidInHost;
    private volatile bool _stopping;
    private long _requested;
    private long _completed;
    private int _pendingApply;

    /// <param name="tree">The node's tree.</param>
    /// <param name="token">The per-node token put in front of every interface name.</param>
    /// <param name="netns">The node's netns for the peers (created here unless <paramref name="adopt"/>).</param>
    /// <param name="post">Runs an action on the emulator's thread (tree updates are made there).</param>
    /// <param name="adopt">The netns and veths exist already (<c>node run</c> on a tree made by <c>node create</c>).</param>
    public VethNetdevs(SysfsTree tree, string token, string netns, Action<Action> post, bool adopt)
    {
        _tree = tree;
        _token = token;
        _netns = netns;
        _post = post;
        if (!adopt)
        {
            IpCommand.Run(["netns", "add", netns]);
        }

        // all-nsid: also the events of the namespaces the node's netns has ids for: the host (where our ends are) and
        // every netns a VF end was moved to, so renames and returns are seen as they happen.
        var psi = new ProcessStartInfo(IpCommand.Path) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-n", netns, "-o", "monitor", "link", "all-nsid" })
        {
            psi.ArgumentList.Add(a);
        }

        Sriov.Host.Namespaces.NetnsRunner.ThrowIfInForeignNetns("ip monitor");
        _monitor = Process.Start(psi) ?? throw new IOException("cannot start ip monitor");
        _monitor.OutputDataReceived += (_, e) => OnMonitorLine(e.Data);
        _monitor.BeginOutputReadLine();
        _watcher = new Thread(WatchLoop) { IsBackground = true, Name = "sriov-sim veth watcher" };
        _watcher.Start();
        if (adopt)
        {
            RequestResync();
        }
    }

    public bool Busy => Interlocked.Read(ref _completed) < Interlocked.Read(ref _requested) || Volatile.Read(ref _pendingApply) > 0;

    public string Netns => _netns;

    /// <summary>Asks for a resync now; <see cref="Busy"/> stays true until it has been applied.</summary>
    public void RequestResync()
    {
        Interlocked.Increment(ref _requested);
        _wake.Set();
    }

    public IReadOnlyList<string> RegisterMany(IReadOnlyList<(SimFunction Function, NetdevSpec Spec)> netdevs)
    {
        lock (_lock)
        {
            var host = new StringBuilder();
            var peers = new StringBuilder();
            var slots = new List<Slot>(netdevs.Count);
            foreach (var (f, spec) in netdevs)
            {
                var name = _token + spec.Name;

                // A veth is Ethernet: an IPoIB port's 20-byte address cannot be set, so it gets a derived Ethernet one.
                var mac = spec.Mac.Split(':').Length == 6 ? spec.Mac : "02" + spec.Mac[^15..];
                var slot = new Slot(f, PeerName(f), name, mac, spec.Mtu);
                host.Append(CultureInfo.InvariantCulture, $"link add {name} address {mac} mtu {spec.Mtu} type veth peer name {slot.Peer} netns {_netns}\n");
                if (spec.Up)
                {
                    host.Append(CultureInfo.InvariantCulture, $"link set {name} up\n");
                }

                peers.Append(CultureInfo.InvariantCulture, $"link set {slot.Peer} up\n");
                slots.Add(slot);
            }

            IpCommand.Run(["-b", "-"], host.ToString());
            IpCommand.Run(["-n", _netns, "-b", "-"], peers.ToString());
            if (_hostNsid is null)
            {
                var first = slots[0].Peer;
                _hostNsid = IpCommand.Links(_netns).First(l => l.Name == first).LinkNetnsId;
                _ourNsidInHost = IpCommand.NamespaceId(_netns);
            }

            foreach (var slot in slots)
            {
                _slots[slot.Function] = slot;
                slot.HostName = slot.LastName;
                ApplyLink(slot);
            }

            return [.. slots.Select(s => s.LastName)];
        }
    }

    public void UnregisterMany(IReadOnlyList<SimFunction> functions)
    {
        lock (_lock)
        {
            var batch = new StringBuilder();
            foreach (var f in functions)
            {
                if (_slots.Remove(f, out var slot))
                {
                    slot.Removed = true;
                    slot.HostName = null;
                    ApplyLink(slot);
                    batch.Append(CultureInfo.InvariantCulture, $"link del {slot.Peer}\n");
                }
            }

            // Deleting the peer deletes both ends wherever the VF end is, as removing a VF removes it from a pod too.
            if (batch.Length > 0)
            {
                IpCommand.TryRun(["-force", "-n", _netns, "-b", "-"], batch.ToString());
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _watcher.Join(TimeSpan.FromSeconds(10));
        try
        {
            _monitor.Kill();
            _monitor.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _monitor.Dispose();
        _wake.Dispose();
    }

    /// <summary>Deletes the node's netns: every peer dies, and with it every end, in the host or in a pod.</summary>
    public void DeleteNamespace() => IpCommand.TryRun(["netns", "del", _netns]);

    private static string PeerName(SimFunction f) =>
        string.Create(CultureInfo.InvariantCulture, $"p{f.Address.Domain & 0xffff:x4}{f.Address.Bus:x2}{(f.Address.Device << 3) | f.Address.Function:x2}");

    private void OnMonitorLine(string? line)
    {
        if (line is null || _stopping)
        {
            return;
        }

        // Host events arrive as "[nsid H]..." and matter only for our veths, whose peer is in our netns ("link-netnsid S").
        if (_hostNsid is { } h && line.StartsWith($"[nsid {h}]", StringComparison.Ordinal)
            && (_ourNsidInHost is not { } s || !line.Contains($"link-netnsid {s}", StringComparison.Ordinal)))
        {
            return;
        }

        RequestResync();
    }

    private void WatchLoop()
    {
        while (!_stopping)
        {
            if (!_wake.WaitOne(Backstop))
            {
                Interlocked.Increment(ref _requested);
            }

            if (_stopping)
            {
                return;
            }

            Thread.Sleep(Coalesce);
            var target = Interlocked.Read(ref _requested);
            try
            {
                Resync();
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidOperationException)
            {
                // The netns may be going away (disposal), or a listed namespace vanished mid-read; the next pass retries.
                if (!_stopping)
                {
                    File.AppendAllText(Path.Join(_tree.StateDirectory, "faults.log"), $"veth resync: {e.Message}\n");
                }
            }

            Interlocked.Exchange(ref _completed, target);
        }
    }

    private void Resync()
    {
        lock (_lock)
        {
            if (_slots.Count == 0 || _hostNsid is not { } hostNsid)
            {
                return;
            }

            var peers = IpCommand.Links(_netns).ToDictionary(l => l.Name, StringComparer.Ordinal);
            var host = IpCommand.Links(null).ToDictionary(l => l.Index);
            Dictionary<int, string>? namespaces = null;
            var podLinks = new Dictionary<string, List<IpCommand.IpLink>>(StringComparer.Ordinal);
            foreach (var slot in _slots.Values)
            {
                if (!peers.TryGetValue(slot.Peer, out var peer))
                {
                    Recreate(slot);
                    continue;
                }

                if (peer.LinkNetnsId == hostNsid && peer.LinkIndex is { } hostIndex && host.TryGetValue(hostIndex, out var end))
                {
                    slot.HostName = end.Name;
                    slot.LastName = end.Name;
                    slot.Mac = end.Address ?? slot.Mac;
                    slot.Mtu = end.Mtu;
                }
                else if (peer.LinkNetnsId is { } nsid && nsid != hostNsid)
                {
                    slot.HostName = null;
                    namespaces ??= IpCommand.PeerNamespaces(_netns);
                    if (namespaces.TryGetValue(nsid, out var podNs))
                    {
                        if (!podLinks.TryGetValue(podNs, out var links))
                        {
                            links = IpCommand.TryRun(["-n", podNs, "link", "show"]).Code == 0 ? IpCommand.Links(podNs) : [];
                            podLinks[podNs] = links;
                        }

                        if (links.FirstOrDefault(l => l.Index == peer.LinkIndex) is { } inPod)
                        {
                            slot.LastName = inPod.Name;
                            slot.Mac = inPod.Address ?? slot.Mac;
                            slot.Mtu = inPod.Mtu;
                        }
                    }
                }
            }

            var changed = _slots.Values.Where(s => s.HostName != s.LinkedName).ToList();
            if (changed.Count > 0)
            {
                Interlocked.Increment(ref _pendingApply);
                _post(() =>
                {
                    try
                    {
                        lock (_lock)
                        {
                            foreach (var slot in changed.Where(s => !s.Removed))
                            {
                                ApplyLink(slot);
                            }
                        }
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _pendingApply);
                    }
                });
            }
        }
    }

    /// <summary>The VF end died with the netns it was in: bring the "VF" back to the host, as the kernel does.</summary>
    private void Recreate(Slot slot)
    {
        var wanted = slot.LastName;
        var taken = Directory.Exists(Path.Join("/sys/class/net", wanted));
        var name = taken ? _token + "r" + PeerName(slot.Function)[1..] : wanted;
        IpCommand.Run(["link", "add", name, "address", slot.Mac, "mtu", slot.Mtu.ToString(CultureInfo.InvariantCulture), "type", "veth", "peer", "name", slot.Peer, "netns", _netns]);
        IpCommand.Run(["-n", _netns, "link", "set", slot.Peer, "up"]);
        if (taken)
        {
            var ifindex = File.ReadAllText(Path.Join("/sys/class/net", name, "ifindex")).Trim();
            var dev = "dev" + ifindex;
            IpCommand.Run(["link", "set", name, "name", dev]);
            name = dev;
        }

        slot.HostName = name;
        slot.LastName = name;
    }

    /// <summary>Makes the tree show the slot's interface under its device when it is in the host, and nothing otherwise.</summary>
    private void ApplyLink(Slot slot)
    {
        var f = slot.Function;
        if (slot.LinkedName is { } old && old != slot.HostName)
        {
            SysfsTree.DeleteLink(Path.Join(f.Directory, "net", old));
            SysfsTree.DeleteLink(Path.Join(_tree.ClassNet, old));
        }

        if (slot.HostName is { } name && !slot.Removed)
        {
            // The real directory of a host-netns interface: /sys/class/net/<if> -> ../../devices/virtual/net/<if>.
            var real = Path.GetFullPath(Path.Join("/sys/class/net", new FileInfo(Path.Join("/sys/class/net", name)).LinkTarget ?? name));
            var net = Path.Join(f.Directory, "net");
            Directory.CreateDirectory(net);
            File.Delete(Path.Join(net, name));
            File.CreateSymbolicLink(Path.Join(net, name), real);
            SysfsTree.DeleteLink(Path.Join(_tree.ClassNet, name));
            File.CreateSymbolicLink(Path.Join(_tree.ClassNet, name), real);
            slot.LinkedName = name;
        }
        else
        {
            slot.LinkedName = null;
        }

        if (!slot.Removed)
        {
            f.Netdev = slot.HostName ?? slot.LastName;
        }
    }

    private sealed class Slot(SimFunction function, string peer, string name, string mac, int mtu)
    {
        public SimFunction Function { get; } = function;

        public string Peer { get; } = peer;

        /// <summary>The end's name in the host, or null while it is in another netns.</summary>
        public string? HostName { get; set; }

        /// <summary>The end's last known name, wherever it is (the name a returning VF keeps).</summary>
        public string LastName { get; set; } = name;

        public string Mac { get; set; } = mac;

        public int Mtu { get; set; } = mtu;

        /// <summary>The name currently linked in the tree (changed on the emulator's thread only).</summary>
        public string? LinkedName { get; set; }

        public bool Removed { get; set; }
    }
}
