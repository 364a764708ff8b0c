using Sriov.Sim.ApiServer.Resources;
using Sriov.Sim.ApiServer.Storage;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>What every operation needs: the store, the served resources, the clock and the options.</summary>
internal sealed class ApiContext
{
    public ApiContext(ObjectStore store, ResourceRegistry registry, TimeProvider time, ApiServerOptions options)
    {
        Store = store;
        Registry = registry;
        Time = time;
        Options = options;
    }

    public ObjectStore Store { get; }

    public ResourceRegistry Registry { get; }

    public TimeProvider Time { get; }

    public ApiServerOptions Options { get; }

    public DateTimeOffset Now => Time.GetUtcNow();
}
