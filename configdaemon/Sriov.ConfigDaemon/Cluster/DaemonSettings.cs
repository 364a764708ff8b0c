namespace Sriov.ConfigDaemon.Cluster;

/// <summary>The daemon's settings from its flags and environment (operator.md §4.1).</summary>
internal sealed record DaemonSettings
{
    public required string NodeName { get; init; }

    /// <summary>The operator namespace (env <c>NAMESPACE</c>): where the node state, the operator config and the ConfigMaps live.</summary>
    public required string Namespace { get; init; }

    /// <summary>How often the node is re-read and re-planned with no event from the API (upstream requeues every 30 s).</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Upstream's <c>DEV_MODE=TRUE</c>: report SR-IOV NICs outside the supported list.</summary>
    public bool DevMode { get; init; }

    /// <summary><c>host:port</c> of the health and readiness endpoints; null: none.</summary>
    public string? HealthAddress { get; init; }
}
