using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Sriov.Sim.ApiServer;

/// <summary>Settings of the Kubernetes API emulator.</summary>
public sealed class ApiServerOptions
{
    /// <summary>How many changes the emulator remembers (its etcd history). A watch or a paginated list at a revision
    /// older than that gets 410 Expired. <see cref="ApiServerEmulator.Compact"/> forgets everything at once.</summary>
    public int HistoryLimit { get; init; } = 10_000;

    /// <summary>How often a watch with <c>allowWatchBookmarks=true</c> gets a BOOKMARK (the API server: about a
    /// minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A watch without <c>timeoutSeconds</c> ends after a random time between this and twice this, as
    /// with kube-apiserver's <c>--min-request-timeout</c> (default 1800 s).</summary>
    public TimeSpan MinRequestTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Clock for timestamps, watch timeouts and bookmarks.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often the emulator's controllers re-check everything, as a backstop for a change they lost to a
    /// race (they react to every change at once anyway).</summary>
    public TimeSpan ControllerResyncInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Files or directories of CustomResourceDefinition YAML applied at start.</summary>
    public IReadOnlyList<string> CrdPaths { get; init; } = [];

    /// <summary>The <c>gitVersion</c> reported by <c>/version</c>.</summary>
    public string KubernetesVersion { get; init; } = "v1.32.4";

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
