using Sriov.Host;
using Sriov.Host.Sysfs;
using Sriov.Sim.Node.Description;
using Sriov.Sim.Node.Kernel;
using Sriov.Sim.Node.Netdevs;
using Sriov.Sim.Node.Profiles;

namespace Sriov.Sim.Node;

/// <summary>
/// A simulated SR-IOV node: a host root whose <c>sys/</c> is laid out like the kernel's, and the kernel emulator that
/// reacts to writes there. Point the code under test at <see cref="Root"/>. Assert <see cref="Rejections"/> is empty
/// to prove the code never did what the real kernel would refuse.
/// <code>
/// using var node = SimNode.Create("intel-e810");
/// await new PciControl(node.Root, TimeProvider.System).SetNumVfsAsync(PciAddress.Parse("0000:3b:00.0"), 4);
/// </code>
/// </summary>
public sealed class SimNode : IDisposable
{
    private const string NetnsPrefix = "sriovsim-";
    private readonly SysfsTree _tree;
    private readonly KernelEmulator _emulator;
    private readonly INetdevBackend _netdevs;
    private readonly bool _ownsRoot;
    private readonly bool _ownsNetns;
    private bool _disposed;

    private SimNode(SysfsTree tree, NodeDescription description, SimNodeState state, SimNodeOptions options, bool create, bool ownsRoot)
    {
        _tree = tree;
        _ownsRoot = ownsRoot && !options.Keep;
        _ownsNetns = create && !options.Keep;
        Description = description;
        Token = state.Token;
        Netns = state.Netns;
        Netdevs = state.Mode;
        Root = new HostRoot(tree.Root);
        KernelEmulator? emulator = null;
        _netdevs = state.Mode == NetdevMode.Veth
            ? new VethNetdevs(tree, state.Token, state.Netns!, a => emulator!.Post(a), adopt: !create)
            : new FileNetdevs(tree);
        emulator = new KernelEmulator(tree, description, _netdevs, options.Time, options.NetdevDelay);
        _emulator = emulator;
        try
        {
            if (create)
            {
                emulator.Build();
            }
            else
            {
                emulator.Adopt();
            }

            if (options.StartEmulator)
            {
                emulator.Start();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The host root to point the code under test at.</summary>
    public HostRoot Root { get; }

    public NodeDescription Description { get; }

    public NetdevMode Netdevs { get; }

    /// <summary>The per-node token in front of every interface name in veth mode (unique among concurrent nodes).</summary>
    public string Token { get; }

    /// <summary>The node's own netns holding the veth peers (veth mode), or null.</summary>
    public string? Netns { get; }

    /// <summary>Every operation the real kernel would have refused, in order.</summary>
    public IReadOnlyList<RejectedOperation> Rejections => _emulator.Rejections;

    /// <summary>How many client writes the emulator has reacted to (sriov_numvfs, driver_override, bind, unbind, drivers_probe).</summary>
    public int ClientWrites => _emulator.ClientWrites;

    /// <summary>
    /// Kills process <paramref name="pid"/> (SIGKILL) when the emulator sees the <paramref name="nthWrite"/>-th client
    /// write from now, before reacting to it: a crash right after that write(2) returned, the kernel having taken it.
    /// For kill-at-every-step tests of a client running as another process.
    /// </summary>
    public void KillWriterAt(int pid, int nthWrite) => _emulator.KillAt(pid, nthWrite);

    /// <summary>
    /// Raised on the emulator's thread after a PF's VFs were created or removed (a <c>sriov_numvfs</c> write), with the
    /// PF's address and the new count: the driver emulator resets its per-VF state then, as PF drivers do.
    /// </summary>
    public event Action<PciAddress, int>? NumVfsChanged
    {
        add => _emulator.NumVfsChanged += value;
        remove => _emulator.NumVfsChanged -= value;
    }

    /// <summary>
    /// The administrative MAC a PF holds for a VF (PF address, VF index), asked when the VF's network driver probes:
    /// a VF interface registered afterwards starts with it, as igbvf takes the PF-set MAC at probe. Null: none.
    /// </summary>
    public Func<PciAddress, int, string?>? VfAdminMac
    {
        get => _emulator.VfAdminMac;
        set => _emulator.VfAdminMac = value;
    }

    /// <summary>Exceptions inside the emulator (bugs of the simulator); empty when healthy.</summary>
    public IReadOnlyList<string> Faults => _emulator.Faults;

    /// <summary>Creates a node from a built-in profile name or a description file.</summary>
    public static SimNode Create(string profileOrFile, SimNodeOptions? options = null) =>
        Create(NodeProfiles.Resolve(profileOrFile), options);

    /// <summary>Creates a node: lays the tree out (in <see cref="SimNodeOptions.Root"/> or a new temporary directory) and starts the emulator.</summary>
    public static SimNode Create(NodeDescription description, SimNodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        options ??= new SimNodeOptions();
        var token = NewToken(options.Netdevs);
        NodeDescriptionValidator.Validate(description, options.Netdevs == NetdevMode.Veth ? token.Length : 0);
        var ownsRoot = options.Root is null;
        var root = options.Root ?? Directory.CreateTempSubdirectory("sriov-sim-").FullName;
        var tree = new SysfsTree(root);
        if (Directory.Exists(tree.StateDirectory) || (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any()))
        {
            throw new InvalidOperationException(
                $"{root} is not empty; a node needs an empty root (remove an old node with 'sriov-sim node destroy --root {root}')");
        }

        Directory.CreateDirectory(tree.StateDirectory);
        var state = new SimNodeState(
            options.Netdevs == NetdevMode.Veth ? "veth" : "files", token, options.Netdevs == NetdevMode.Veth ? NetnsPrefix + token : null);
        state.Save(tree.StateDirectory);
        NodeDescriptionFile.Save(description, Path.Join(tree.StateDirectory, SimNodeState.DescriptionFileName));
        try
        {
            return new SimNode(tree, description, state, options, create: true, ownsRoot);
        }
        catch when (ownsRoot && !options.Keep)
        {
            // E.g. veth mode without root: leave no temporary root behind.
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Opens a node made earlier (by <c>sriov-sim node create</c>) and starts its emulator.</summary>
    public static SimNode Open(string root, SimNodeOptions? options = null)
    {
        options ??= new SimNodeOptions();
        var tree = new SysfsTree(root);
        var state = SimNodeState.Load(tree.StateDirectory);
        var description = NodeDescriptionFile.Load(Path.Join(tree.StateDirectory, SimNodeState.DescriptionFileName));
        return new SimNode(tree, description, state, options with { Netdevs = state.Mode }, create: false, ownsRoot: false);
    }

    /// <summary>Removes a node made earlier: its netns (veth mode: every interface dies with it) and its root directory.</summary>
    public static void Destroy(string root)
    {
        var tree = new SysfsTree(root);
        var state = SimNodeState.Load(tree.StateDirectory);
        if (state.Netns is { } netns)
        {
            IpCommand.TryRun(["netns", "del", netns]);
        }

        Directory.Delete(tree.Root, recursive: true);
    }

    /// <summary>The rejected operations recorded under a node root (for another process, e.g. <c>node check</c>).</summary>
    public static IReadOnlyList<RejectedOperation> ReadRejections(string root) => RejectionLog.Read(new SysfsTree(root).StateDirectory);

    /// <summary>
    /// Returns once the emulator has reacted to every write made before the call, its delayed reactions (VF netdevs)
    /// have run, and in veth mode the interfaces' whereabouts have been re-read.
    /// </summary>
    public async Task WaitIdleAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var bound = timeout ?? TimeSpan.FromSeconds(30);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(bound);
        (_netdevs as VethNetdevs)?.RequestResync();
        try
        {
            while (true)
            {
                await _emulator.SyncAsync(cts.Token);
                if (!_emulator.Busy)
                {
                    return;
                }

                await Task.Delay(5, cts.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"simulated node {Root} did not become idle within {bound.TotalSeconds} s");
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _emulator?.Dispose();
        _netdevs?.Dispose();
        if (_netdevs is VethNetdevs veth && _ownsNetns)
        {
            veth.DeleteNamespace();
        }

        if (_ownsRoot && Directory.Exists(_tree.Root))
        {
            Directory.Delete(_tree.Root, recursive: true);
        }
    }

    private static string NewToken(NetdevMode mode)
    {
        for (var i = 0; ; i++)
        {
            var token = "s" + Random.Shared.Next(0x10000).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
            if (mode == NetdevMode.Files || i > 100 || !File.Exists(Path.Join("/var/run/netns", NetnsPrefix + token)))
            {
                return token;
            }
        }
    }
}
