using System.Collections.Concurrent;
using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Sim.Node.Description;
using Sriov.Sim.Node.Netdevs;

namespace Sriov.Sim.Node.Kernel;

/// <summary>
/// The kernel of a simulated node: holds the PCI state, lays it out in the tree, and reacts to writes of
/// <c>sriov_numvfs</c>, <c>driver_override</c>, <c>bind</c>, <c>unbind</c> and <c>drivers_probe</c> as the kernel does.
/// A plain file write cannot fail with the kernel's errno, so a write the kernel would refuse is undone (the attribute
/// shows the kernel's value again) and recorded in the <see cref="RejectionLog"/>. All state changes run on one thread,
/// in the order the writes were closed (inotify <c>IN_CLOSE_WRITE</c>).
/// </summary>
internal sealed partial class KernelEmulator : IDisposable
{
    private readonly SysfsTree _tree;
    private readonly NodeDescription _description;
    private readonly INetdevBackend _netdevs;
    private readonly TimeProvider _time;
    private readonly TimeSpan _netdevDelay;
    private readonly RejectionLog _rejections;
    private readonly Dictionary<PciAddress, SimFunction> _functions = [];
    private readonly HashSet<string> _loadedDrivers = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _usedGroups = [];
    private readonly BlockingCollection<Action> _queue = [];
    private readonly Dictionary<int, WatchTarget> _watches = [];
    private readonly Dictionary<string, int> _watchByDirectory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _selfWritten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _syncs = new(StringComparer.Ordinal);
    private readonly HashSet<ITimer> _timers = [];
    private readonly List<string> _faults = [];
    private Inotify? _inotify;

    // Build() is laying out a booted node (its PF interfaces are up), as opposed to reacting to a probe.
    private bool _building;
    private Thread? _actor;
    private int _pending;

    public KernelEmulator(SysfsTree tree, NodeDescription description, INetdevBackend netdevs, TimeProvider time, TimeSpan netdevDelay)
    {
        _tree = tree;
        _description = description;
        _netdevs = netdevs;
        _time = time;
        _netdevDelay = netdevDelay;
        _rejections = new RejectionLog(tree.StateDirectory);
        foreach (var driver in description.Drivers.Concat(description.Ports.SelectMany(p => new[] { p.Driver, p.VfDriver })))
        {
            if (!string.IsNullOrEmpty(driver))
            {
                _loadedDrivers.Add(driver);
            }
        }

        _loadedDrivers.Add("pcieport");
    }

    private enum WatchKind
    {
        Device,
        Driver,
        Bus,
        State,
    }

    public IReadOnlyList<RejectedOperation> Rejections => _rejections.Entries;

    /// <summary>Raised on the emulator's thread after a PF's VFs were created or removed, with the new count.</summary>
    public event Action<PciAddress, int>? NumVfsChanged;

    /// <summary>
    /// Asked on the emulator's thread when a VF's network driver probes: the administrative MAC its PF holds for it,
    /// which the VF driver takes as its address (igbvf reads it from the PF's mailbox at probe); null for none.
    /// </summary>
    public Func<PciAddress, int, string?>? VfAdminMac { get; set; }

    /// <summary>Exceptions the emulator hit while reacting (a bug in the simulator, not in the client); empty when healthy.</summary>
    public IReadOnlyList<string> Faults
    {
        get
        {
            lock (_faults)
            {
                return [.. _faults];
            }
        }
    }

    /// <summary>True while a reaction is queued or a delayed one (a VF netdev registration) has not run yet.</summary>
    public bool Busy => Volatile.Read(ref _pending) > 0 || _queue.Count > 0 || _netdevs.Busy;

    private IommuMode Iommu => _description.IommuMode;

    /// <summary>Starts reacting to writes.</summary>
    public void Start()
    {
        _inotify = new Inotify((wd, mask, name) => Post(() => OnEvent(wd, mask, name)));
        Watch(_tree.StateDirectory, new WatchTarget(WatchKind.State, null, null));
        Watch(_tree.BusPci, new WatchTarget(WatchKind.Bus, null, null));
        foreach (var driver in _loadedDrivers)
        {
            Watch(_tree.DriverDirectory(driver), new WatchTarget(WatchKind.Driver, null, driver));
        }

        foreach (var f in _functions.Values)
        {
            Watch(f.Directory, new WatchTarget(WatchKind.Device, f, null));
        }

        _actor = new Thread(RunActor) { IsBackground = true, Name = "sriov-sim kernel" };
        _actor.Start();
        _inotify.Start();
    }

    /// <summary>Returns once every write closed before this call has been reacted to.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        if (_inotify is null)
        {
            return;
        }

        var token = Guid.NewGuid().ToString("N");
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _syncs[token] = done;
        var path = Path.Join(_tree.StateDirectory, "sync." + token);
        await File.WriteAllTextAsync(path, token, cancellationToken);
        try
        {
            await done.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _syncs.TryRemove(token, out _);
            File.Delete(path);
        }
    }

    /// <summary>Posts work to the emulator's thread (used by the veth backend to update links); dropped after disposal.</summary>
    public void Post(Action action)
    {
        try
        {
            _queue.Add(action);
        }
        catch (InvalidOperationException)
        {
            // Disposed: CompleteAdding was called; late events and timers have nothing left to change.
        }
    }

    public void Dispose()
    {
        _inotify?.Stop(() => File.WriteAllText(Path.Join(_tree.StateDirectory, "sync.stop"), ""));
        _queue.CompleteAdding();
        _actor?.Join(TimeSpan.FromSeconds(10));
        lock (_timers)
        {
            foreach (var t in _timers)
            {
                t.Dispose();
            }

            _timers.Clear();
        }

        _inotify?.Dispose();
        File.Delete(Path.Join(_tree.StateDirectory, "sync.stop"));
    }

    private void RunActor()
    {
        foreach (var work in _queue.GetConsumingEnumerable())
        {
            try
            {
                work();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or FormatException)
            {
                Fault(e.ToString());
            }
        }
    }

    private void Fault(string message)
    {
        lock (_faults)
        {
            _faults.Add(message);
        }

        File.AppendAllText(Path.Join(_tree.StateDirectory, "faults.log"), message + "\n");
    }

    private void Watch(string directory, WatchTarget target)
    {
        if (_inotify is null)
        {
            return;
        }

        var wd = _inotify.Watch(directory);
        _watches[wd] = target;
        _watchByDirectory[directory] = wd;
    }

    private void Unwatch(string directory)
    {
        if (_inotify is not null && _watchByDirectory.Remove(directory, out var wd))
        {
            _watches.Remove(wd);
            _inotify.Unwatch(wd);
        }
    }

    private void OnEvent(int wd, uint mask, string name)
    {
        if ((mask & Inotify.InQueueOverflow) != 0)
        {
            Fault("inotify queue overflowed: writes were missed");
            return;
        }

        if ((mask & Inotify.InCloseWrite) == 0 || !_watches.TryGetValue(wd, out var target))
        {
            return;
        }

        if (target.Kind == WatchKind.State)
        {
            if (name.StartsWith("sync.", StringComparison.Ordinal) && _syncs.TryGetValue(name[5..], out var done))
            {
                done.TrySetResult();
            }

            return;
        }

        var path = target.Kind switch
        {
            WatchKind.Device => Path.Join(target.Function!.Directory, name),
            WatchKind.Driver => Path.Join(_tree.DriverDirectory(target.Driver!), name),
            _ => Path.Join(_tree.BusPci, name),
        };
        string content;
        try
        {
            content = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return;
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }

        // Our own write raises exactly one event: consume the note on the next event for the file, so a later client
        // write of the same text is not mistaken for ours.
        if (_selfWritten.Remove(path, out var mine) && mine == content)
        {
            return;
        }

        if (content.Length == 0)
        {
            // An open(O_TRUNC) whose write never reached the file (errno injected by strace, or a writer killed between
            // open and write). sysfs ignores O_TRUNC and a store callback never sees an empty buffer, so the kernel saw
            // nothing: put the attribute's value back instead of parsing "". A client about to write looks the same
            // for a moment, so restore only if the file is still empty a little later.
            if (target.Kind == WatchKind.Device && !target.Function!.Removed)
            {
                var f = target.Function;
                Schedule(TimeSpan.FromMilliseconds(100), () =>
                {
                    if (!f.Removed && File.Exists(path) && new FileInfo(path).Length == 0)
                    {
                        RestoreAttribute(f, name);
                    }
                });
            }

            return;
        }

        switch (target.Kind, name)
        {
            case (WatchKind.Device, "sriov_numvfs") when target.Function!.IsPf && !target.Function.Removed:
                CountClientWrite();
                OnNumVfs(target.Function, content);
                break;
            case (WatchKind.Device, "driver_override") when !target.Function!.Removed:
                CountClientWrite();
                OnDriverOverride(target.Function, content);
                break;
            case (WatchKind.Driver, "bind"):
                CountClientWrite();
                OnBind(target.Driver!, content);
                break;
            case (WatchKind.Driver, "unbind"):
                CountClientWrite();
                OnUnbind(target.Driver!, content);
                break;
            case (WatchKind.Bus, "drivers_probe"):
                CountClientWrite();
                OnDriversProbe(content);
                break;
            default:
                break;
        }
    }

    /// <summary>Writes an attribute as the kernel (not the client) and remembers it, so the resulting event is not taken for a client write.</summary>
    private void SelfWrite(SimFunction f, string name, string value)
    {
        var path = Path.Join(f.Directory, name);

        // Most of the time the client's own write already shows the value ("4" for 4 VFs): leave the file alone, because
        // every write of ours races with the client's next open(O_TRUNC)+write of the same file.
        if (File.Exists(path) && File.ReadAllText(path).TrimEnd('\n') == value)
        {
            return;
        }

        _selfWritten[path] = value + "\n";
        SysfsTree.Attr(f, name, value);
    }

    private void RestoreAttribute(SimFunction f, string name)
    {
        if (name == "sriov_numvfs" && f.IsPf)
        {
            SelfWrite(f, name, KernelParse.Number(f.NumVfs));
        }
        else if (name == "driver_override")
        {
            SelfWrite(f, name, f.DriverOverride ?? "(null)");
        }
    }

    private void Reject(string attribute, string written, int? errno, string reason) =>
        _rejections.Add(new RejectedOperation(
            _time.GetUtcNow(), attribute, KernelParse.Shown(written), errno is { } e ? Errno.Name(e) : null, reason));

    private void Schedule(TimeSpan delay, Action action)
    {
        Interlocked.Increment(ref _pending);
        ITimer? timer = null;
        timer = _time.CreateTimer(
            _ =>
            {
                lock (_timers)
                {
                    _timers.Remove(timer!);
                }

                timer!.Dispose();
                Post(() =>
                {
                    try
                    {
                        action();
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _pending);
                    }
                });
            },
            null,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private readonly record struct WatchTarget(WatchKind Kind, SimFunction? Function, string? Driver);
}
