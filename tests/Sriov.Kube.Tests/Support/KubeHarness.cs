using k8s;
using k8s.Models;
using Sriov.Kube.Client;
using Sriov.Sim.ApiServer;
using Sriov.Sim.RealKernel;

namespace Sriov.Kube.Tests.Support;

/// <summary>
/// An in-memory API emulator with the project's CRDs (deploy/crds) and the operator namespace; <see cref="Admin"/>
/// for the test's own changes, and clients for the code under test that go through a <see cref="TestTransport"/>.
/// </summary>
public sealed class KubeHarness : IAsyncDisposable
{
    public const string Ns = "sriov-network-operator";

    private static readonly string Crds = Path.Combine(RealKernelPaths.Discover().RepositoryRoot, "deploy", "crds");

    private readonly List<IDisposable> _owned = [];

    private KubeHarness(ApiServerEmulator emulator)
    {
        Emulator = emulator;
        Http = emulator.BaseAddress is not null;
        Admin = emulator.CreateInMemoryClient();
        Transport = new TestTransport();
        Client = NewClient(Transport);
    }

    public ApiServerEmulator Emulator { get; }

    /// <summary>True when clients reach the emulator over HTTP on a loopback port (real sockets, chunked watch
    /// streams), false when they go through its in-memory handler.</summary>
    public bool Http { get; }

    public static TheoryData<string> Modes => new() { "memory", "http" };

    /// <summary>The test's client: straight to the emulator, never held or cut.</summary>
    public Kubernetes Admin { get; }

    /// <summary>The transport of <see cref="Client"/>.</summary>
    public TestTransport Transport { get; }

    /// <summary>The client for the code under test.</summary>
    public Kubernetes Client { get; }

    /// <param name="apiTime">The emulator's clock (watch timeouts, bookmarks, timestamps).</param>
    /// <param name="bookmarkInterval">How often watches that ask for them get a bookmark.</param>
    /// <param name="mode"><c>memory</c> (default) or <c>http</c>; see <see cref="Http"/>.</param>
    public static async Task<KubeHarness> StartAsync(TimeProvider? apiTime = null, TimeSpan? bookmarkInterval = null,
        string mode = "memory")
    {
        var options = new ApiServerOptions
        {
            CrdPaths = [Crds],
            TimeProvider = apiTime ?? TimeProvider.System,
            BookmarkInterval = bookmarkInterval ?? TimeSpan.FromHours(1),
            MinRequestTimeout = TimeSpan.FromHours(1),
        };
        var emulator = mode switch
        {
            "memory" => ApiServerEmulator.CreateInMemory(options),
            "http" => await ApiServerEmulator.StartAsync(options),
            _ => throw new ArgumentException($"mode {mode}: use memory or http", nameof(mode)),
        };
        var harness = new KubeHarness(emulator);
        await harness.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } });
        return harness;
    }

    /// <summary>Another client of the same emulator through its own transport (a second process).</summary>
    public Kubernetes NewClient(TestTransport transport)
    {
        var client = Emulator.BaseAddress is { } address
            ? new Kubernetes(new KubernetesClientConfiguration { Host = address.ToString() }, transport)
            : new Kubernetes(new KubernetesClientConfiguration { Host = "http://sriov-sim.invalid" }, transport,
                Emulator.CreateHandler());
        _owned.Add(client);
        return client;
    }

    public ResourceClient<T> Resource<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> => new(Client);

    public ResourceClient<T> AdminResource<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> => new(Admin);

    public async ValueTask DisposeAsync()
    {
        foreach (var d in _owned)
        {
            d.Dispose();
        }

        Admin.Dispose();
        await Emulator.DisposeAsync();
    }
}
