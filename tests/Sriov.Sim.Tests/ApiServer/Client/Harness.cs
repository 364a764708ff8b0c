using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using Sriov.Sim.ApiServer;
using Sriov.Sim.Tests.Support;

namespace Sriov.Sim.Tests.ApiServer.Client;

/// <summary>An API emulator (over HTTP or in memory) with the test CRD applied and a KubernetesClient on it.</summary>
public sealed class Harness : IAsyncDisposable
{
    public const string Group = "sriovnetwork.openshift.io";
    public const string CrVersion = "v1";
    public const string Plural = "sriovnetworknodepolicies";
    public const string Ns = "default";

    private Harness(ApiServerEmulator emulator)
    {
        Emulator = emulator;
        Client = emulator.CreateClient();
    }

    public ApiServerEmulator Emulator { get; }

    public Kubernetes Client { get; }

    public static string TestData(string file) => RepoPaths.Of($"tests/Sriov.Sim.Tests/ApiServer/TestData/{file}");

    /// <summary>Mode "http" serves over Kestrel, "memory" through the in-memory handler.</summary>
    public static async Task<Harness> StartAsync(string mode, ApiServerOptions? options = null)
    {
        options ??= new ApiServerOptions();
        options = new ApiServerOptions
        {
            HistoryLimit = options.HistoryLimit,
            BookmarkInterval = options.BookmarkInterval,
            MinRequestTimeout = options.MinRequestTimeout,
            ControllerResyncInterval = options.ControllerResyncInterval,
            CrdPaths = [TestData("policy-crd.yaml")],
        };
        var emulator = mode == "http"
            ? await ApiServerEmulator.StartAsync(options)
            : ApiServerEmulator.CreateInMemory(options);
        return new Harness(emulator);
    }

    public static JsonObject Policy(string name, int numVfs = 4, string? extraSpec = null)
    {
        var spec = JsonNode.Parse($$"""
            {"resourceName":"intelnics","nodeSelector":{"node-role.kubernetes.io/worker":""},"numVfs":{{numVfs}},
             "nicSelector":{"vendor":"8086","pfNames":["ens1f0"]}{{extraSpec}}}
            """)!;
        return new JsonObject
        {
            ["apiVersion"] = $"{Group}/{CrVersion}",
            ["kind"] = "SriovNetworkNodePolicy",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
            ["spec"] = spec,
        };
    }

    public Task<JsonObject> CreatePolicyAsync(JsonObject policy) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(policy, Group, CrVersion, Ns, Plural);

    public Task<JsonObject> GetPolicyAsync(string name) =>
        Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(Group, CrVersion, Ns, Plural, name);

    /// <summary>The Status body of a refused call.</summary>
    public static async Task<JsonObject> StatusOfAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        return JsonNode.Parse(e.Response.Content)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
