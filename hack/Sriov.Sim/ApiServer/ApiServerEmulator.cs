using System.Net;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Logging;
using Sriov.Sim.ApiServer.Controllers;
using Sriov.Sim.ApiServer.Discovery;
using Sriov.Sim.ApiServer.Http;
using Sriov.Sim.ApiServer.OpenApi;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Resources;
using Sriov.Sim.ApiServer.Storage;

namespace Sriov.Sim.ApiServer;

/// <summary>
/// The Kubernetes API emulator as an in-process fixture. <see cref="StartAsync"/> serves it over HTTP on a loopback
/// port (for kubectl and for clients built from <see cref="KubeconfigPath"/>); <see cref="CreateInMemory"/> serves it
/// to clients through <see cref="CreateHandler"/> only, with no socket. Both share one store, so objects written one
/// way are seen the other way. See docs/simulation.md for what is faithful, approximated or absent.
/// </summary>
public sealed class ApiServerEmulator : IAsyncDisposable
{
    private static readonly string[] InitialNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    private readonly ApiOperations _ops;
    private readonly ApiDispatcher _dispatcher;
    private readonly ControllerLoop _controllers;
    private readonly ManifestApplier _applier;
    private KestrelApiHost? _host;
    private string? _tempDir;

    private ApiServerEmulator(ApiServerOptions options)
    {
        Options = options;
        var registry = new ResourceRegistry(BuiltinResources.All);
        var store = new ObjectStore(options.HistoryLimit);
        store.AddCommitHook(new CrdRegistrar(store, registry).OnCommit);
        var ctx = new ApiContext(store, registry, options.TimeProvider, options);
        _ops = new ApiOperations(ctx);
        _dispatcher = new ApiDispatcher(_ops, new DiscoveryDocuments(registry, options.KubernetesVersion),
            new OpenApiDocuments(registry), () => BaseAddress?.Authority ?? "127.0.0.1:0");
        _applier = new ManifestApplier(_ops);
        foreach (var ns in InitialNamespaces)
        {
            _ops.Create.Create(registry.FindStorage(NamespaceGate.NamespacesKey)!, "",
                new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } },
                WriteOptions.Default, []);
        }

        _controllers = new ControllerLoop(_ops, options.LoggerFactory.CreateLogger<ApiServerEmulator>(),
            options.ControllerResyncInterval);
        _controllers.Start();
    }

    public ApiServerOptions Options { get; }

    /// <summary>The HTTP address (<c>http://127.0.0.1:PORT</c>), or null for an in-memory emulator.</summary>
    public Uri? BaseAddress => _host?.Address;

    /// <summary>A kubeconfig file for this emulator (HTTP only), written at start and removed on dispose.</summary>
    public string KubeconfigPath =>
        _tempDir is null
            ? throw new InvalidOperationException("an in-memory API emulator has no address; use StartAsync for a kubeconfig")
            : Path.Combine(_tempDir, "kubeconfig");

    /// <summary>The current resourceVersion (the store's revision).</summary>
    public long ResourceVersion => _ops.Context.Store.Revision;

    /// <summary>Starts the emulator on <c>127.0.0.1:<paramref name="port"/></c> (0 picks a free port).</summary>
    public static async Task<ApiServerEmulator> StartAsync(ApiServerOptions? options = null, int port = 0,
        CancellationToken ct = default)
    {
        var emulator = new ApiServerEmulator(options ?? new ApiServerOptions());
        try
        {
            emulator.ApplyInitialCrds();
            emulator._host = await KestrelApiHost.StartAsync(() => emulator._dispatcher, IPAddress.Loopback, port, ct);
            emulator._tempDir = Directory.CreateTempSubdirectory("sriov-sim-apiserver-").FullName;
            emulator.WriteKubeconfig(emulator.KubeconfigPath);
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>An emulator reachable only through <see cref="CreateHandler"/> and <see cref="CreateClient"/>.</summary>
    public static ApiServerEmulator CreateInMemory(ApiServerOptions? options = null)
    {
        var emulator = new ApiServerEmulator(options ?? new ApiServerOptions());
        try
        {
            emulator.ApplyInitialCrds();
            return emulator;
        }
        catch
        {
            emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Writes a kubeconfig for this emulator to <paramref name="path"/> (HTTP only).</summary>
    public void WriteKubeconfig(string path, string defaultNamespace = "default") =>
        Kubeconfig.Write(path, BaseAddress ?? throw new InvalidOperationException(
            "an in-memory API emulator has no address; use StartAsync for a kubeconfig"), defaultNamespace);

    /// <summary>
    /// A KubernetesClient talking to this emulator: over HTTP when started with <see cref="StartAsync"/>, otherwise
    /// through the in-memory handler. The caller disposes it.
    /// </summary>
    public Kubernetes CreateClient() =>
        BaseAddress is { } address
            ? new Kubernetes(new KubernetesClientConfiguration { Host = address.ToString() })
            : CreateInMemoryClient();

    /// <summary>A KubernetesClient served through the in-memory handler (no socket, whatever the mode).</summary>
    public Kubernetes CreateInMemoryClient() =>
        new(new KubernetesClientConfiguration { Host = "http://sriov-sim.invalid" }, CreateHandler());

    /// <summary>A new handler serving this emulator in memory, for <c>new Kubernetes(config, handler)</c> or an
    /// <see cref="HttpClient"/>. It never calls an inner handler.</summary>
    public DelegatingHandler CreateHandler() => new InMemoryApiHandler(() => _dispatcher);

    /// <summary>Creates or replaces the objects of a manifest file or of every manifest in a directory (CRDs must
    /// come before their custom resources). Returns <c>plural.group/name</c> of each object.</summary>
    public IReadOnlyList<string> Apply(string fileOrDirectory) => _applier.ApplyPath(fileOrDirectory);

    /// <summary>Forgets the change history, as an etcd compaction: watches and paginated lists at any older
    /// resourceVersion now get 410 Expired.</summary>
    public void Compact() => _ops.Context.Store.Compact();

    /// <summary>Waits until the emulator's controllers (garbage collector, namespace and CRD cleanup, disruption
    /// budgets) have handled every change made so far.</summary>
    public Task WaitForControllersAsync(TimeSpan? timeout = null, CancellationToken ct = default) =>
        _controllers.WaitForIdleAsync(timeout ?? TimeSpan.FromSeconds(10), ct);

    private void ApplyInitialCrds()
    {
        foreach (var path in Options.CrdPaths)
        {
            _applier.ApplyPath(path);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _controllers.DisposeAsync();
        if (_tempDir is not null && Directory.Exists(_tempDir))
        {
            Directory.Delete(_tempDir, recursive: true);
        }
    }
}
