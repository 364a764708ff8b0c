using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sriov.Api.NodeStates;
using Sriov.Api.OperatorConfigs;
using Sriov.ConfigDaemon.Cluster;
using Sriov.ConfigDaemon.Tests.Support;
using Sriov.Kube.Client;
using Sriov.Sim.ApiServer;
using Sriov.Sim.RealKernel;

namespace Sriov.ConfigDaemon.Tests.Cluster;

/// <summary>
/// The API emulator (in memory, the project's CRDs) with this node's Node and SriovNetworkNodeState, and the daemon
/// running against it and a simulated node. <see cref="Admin"/> plays the operator.
/// </summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    public const string Ns = "sriov-network-operator";
    public const string NodeName = "worker-0";

    private static readonly string Crds = Path.Combine(RealKernelPaths.Discover().RepositoryRoot, "deploy", "crds");
    private readonly CancellationTokenSource _stop = new();
    private readonly Kubernetes _daemonClient;
    private Task? _run;

    private ClusterHarness(ApiServerEmulator emulator, SimHost sim)
    {
        Emulator = emulator;
        Sim = sim;
        Admin = emulator.CreateInMemoryClient();
        DaemonRequests = new RequestCounter();
        _daemonClient = new Kubernetes(new KubernetesClientConfiguration { Host = "http://sriov-sim.invalid" }, DaemonRequests, emulator.CreateHandler());
        States = new ResourceClient<SriovNetworkNodeState>(Admin);
        Nodes = new ResourceClient<V1Node>(Admin);
    }

    /// <summary>The resync period the daemon runs with (short, so failures are retried quickly).</summary>
    public static TimeSpan ResyncPeriod { get; } = TimeSpan.FromMilliseconds(300);

    public ApiServerEmulator Emulator { get; }

    /// <summary>Every request the daemon sent to the API.</summary>
    public RequestCounter DaemonRequests { get; }

    /// <summary>The daemon's PATCHes of its node state's status.</summary>
    public int StatusPatches => DaemonRequests.Count("PATCH", $"/sriovnetworknodestates/{NodeName}/status");

    /// <summary>The daemon's Event writes (a new Event is a POST, an identical one bumps its count by PATCH).</summary>
    public int EventWrites => DaemonRequests.Count((method, path) => method != "GET" && path.Contains("/events", StringComparison.Ordinal));

    public SimHost Sim { get; }

    public Kubernetes Admin { get; }

    public ResourceClient<SriovNetworkNodeState> States { get; }

    public ResourceClient<V1Node> Nodes { get; }

    public ObjectKey StateKey => new(Ns, NodeName);

    /// <summary>An annotation's value, or null.</summary>
    public static string? Annotation(IMetadata<V1ObjectMeta> obj, string key) =>
        obj.Metadata.Annotations is { } a && a.TryGetValue(key, out var v) ? v : null;

    public ConfigDaemonService? Service { get; private set; }

    /// <param name="overHttp">Serve the API on 127.0.0.1 too (for a daemon in another process: <see cref="ApiServerEmulator.KubeconfigPath"/>).</param>
    public static async Task<ClusterHarness> StartAsync(
        SimHost sim, SriovNetworkNodeStateSpec? spec = null, SriovOperatorConfigSpec? config = null, bool overHttp = false)
    {
        var options = new ApiServerOptions { CrdPaths = [Crds] };
        var emulator = overHttp ? await ApiServerEmulator.StartAsync(options) : ApiServerEmulator.CreateInMemory(options);
        var h = new ClusterHarness(emulator, sim);
        await h.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } });
        await h.Nodes.CreateAsync(new V1Node { ApiVersion = "v1", Kind = "Node", Metadata = new V1ObjectMeta { Name = NodeName } });
        if (config is not null)
        {
            await new ResourceClient<SriovOperatorConfig>(h.Admin).CreateAsync(new SriovOperatorConfig { Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = Ns }, Spec = config });
        }

        await h.States.CreateAsync(new SriovNetworkNodeState
        {
            Metadata = new V1ObjectMeta { Name = NodeName, NamespaceProperty = Ns },
            Spec = spec ?? new SriovNetworkNodeStateSpec(),
        });
        return h;
    }

    /// <summary>Starts the daemon (resync <see cref="ResyncPeriod"/>), on <paramref name="time"/> (default: the system clock).</summary>
    public void StartDaemon(string? healthAddress = null, TimeProvider? time = null, ILoggerFactory? loggers = null, LogLevelSwitch? logLevel = null)
    {
        var settings = new DaemonSettings { NodeName = NodeName, Namespace = Ns, ResyncPeriod = ResyncPeriod, HealthAddress = healthAddress };
        Service = new ConfigDaemonService(settings, Sim.Host, _daemonClient, loggers ?? NullLoggerFactory.Instance, logLevel ?? new LogLevelSwitch(), time ?? TimeProvider.System);
        _run = Service.RunAsync(_stop.Token);
    }

    public async Task<SriovNetworkNodeState> StateAsync() => (await States.GetAsync(StateKey))!;

    public async Task SetSpecAsync(SriovNetworkNodeStateSpec spec)
    {
        var state = await StateAsync();
        state.Spec = spec;
        await States.ReplaceAsync(state);
    }

    /// <summary>Waits (up to 30 s) until the node state satisfies <paramref name="condition"/>.</summary>
    public async Task<SriovNetworkNodeState> WaitForAsync(Func<SriovNetworkNodeState, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var state = await StateAsync();
            if (condition(state))
            {
                return state;
            }

            if (_run is { IsFaulted: true })
            {
                await _run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited 30 s for {what}; status {state.Status?.SyncStatus}: {state.Status?.LastSyncError}; annotations {string.Join(", ", state.Metadata.Annotations ?? new Dictionary<string, string>())}");
            }

            await Task.Delay(20);
        }
    }

    public Task<SriovNetworkNodeState> WaitForStatusAsync(string syncStatus) =>
        WaitForAsync(s => s.Status?.SyncStatus == syncStatus, "syncStatus " + syncStatus);

    public async Task<IReadOnlyList<Corev1Event>> EventsAsync() =>
        (await new ResourceClient<Corev1Event>(Admin).ListAsync(Ns)).Items.Where(e => e.InvolvedObject.Name == NodeName).ToList();

    /// <summary>The node state's Events once one matches (the daemon records them right after the status write).</summary>
    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(Func<Corev1Event, bool> wanted, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var events = await EventsAsync();
            if (events.Any(wanted))
            {
                return events;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited 10 s for an Event: {what}; have: {string.Join(" | ", events.Select(e => e.Reason + ": " + e.Message))}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            try
            {
                await _run;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _daemonClient.Dispose();
        Admin.Dispose();
        await Emulator.DisposeAsync();
        _stop.Dispose();
    }
}
