using Sriov.Kube.Client;

namespace Sriov.Kube.Informers;

/// <summary>What an informer selects and its timings. The defaults suit a real API server; docs/kube.md gives the
/// reasons.</summary>
public sealed record InformerOptions
{
    /// <summary>The namespace to watch; null watches all namespaces (and is required for cluster-scoped kinds).</summary>
    public string? Namespace { get; init; }

    /// <summary>Label and field selectors (the config daemon selects its own objects by <c>metadata.name</c>).</summary>
    public ResourceSelector Selector { get; init; } = ResourceSelector.All;

    /// <summary>
    /// The <c>timeoutSeconds</c> of each watch request, stretched by a random factor in [1, 2) as client-go's reflector
    /// does, so the server ends every stream cleanly and thousands of daemons do not reconnect in step. A watch
    /// request otherwise has no client timeout at all (KubernetesClient turns it off for watches).
    /// </summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A watch that delivered no event and no bookmark for this long is cancelled and restarted from the last
    /// resourceVersion: a dropped connection can leave the read waiting forever (csharp#533, #884). The API server
    /// sends a bookmark about every minute to a watch that asked for them, so three minutes of silence means the
    /// stream is dead, not idle.
    /// </summary>
    public TimeSpan WatchdogTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The first delay after a failed list or watch (doubling, with jitter, up to <see cref="MaxBackoff"/>);
    /// reset once a watch delivers something.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
