namespace Sriov.Host;

/// <summary>
/// The host root seam of ARCHITECTURE.md: one directory (default <c>/</c>, <c>/host</c> inside the config daemon's pod)
/// under which <c>sys/</c> and every state directory are found, so that one temp directory holds a whole simulated
/// node. <c>/proc</c> and netns paths are never resolved through it: they are always the real ones.
/// </summary>
public sealed class HostRoot
{
    private readonly string? _cniState;

    public HostRoot(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>
    /// A root whose CNI state directory (journals, and the per-VF locks and allocation records under <c>pci/</c>) is
    /// <paramref name="cniState"/> instead of <c>&lt;root&gt;/var/lib/cni/sriov</c>: the CNI's <c>SRIOV_CNI_DIR</c>, for
    /// simulation and tests (upstream's test binary has <c>DEFAULT_CNI_DIR</c> for the same purpose). Null keeps the default.
    /// </summary>
    public HostRoot(string path, string? cniState)
        : this(path)
    {
        _cniState = string.IsNullOrEmpty(cniState) ? null : System.IO.Path.GetFullPath(cniState);
    }

    /// <summary>The real host: <c>/</c>.</summary>
    public static HostRoot Default { get; } = new("/");

    /// <summary>Absolute path of the root directory.</summary>
    public string Path { get; }

    /// <summary><c>&lt;root&gt;/sys</c>.</summary>
    public string Sys => Resolve("sys");

    /// <summary><c>&lt;root&gt;/var/lib/cni/sriov</c>: the CNI's caches, journals and the per-VF lock and allocation records.</summary>
    public string CniState => _cniState ?? Resolve("var/lib/cni/sriov");

    /// <summary><c>&lt;root&gt;/var/run/sriov</c>: run-time markers (e.g. the config daemon's "reconfiguring" marker per PF).</summary>
    public string RunState => Resolve("var/run/sriov");

    /// <summary><c>&lt;root&gt;/etc/sriov-operator</c>: the config daemon's per-PF records.</summary>
    public string OperatorState => Resolve("etc/sriov-operator");

    /// <summary>Resolves a path relative to the root (a leading <c>/</c> is ignored, so <c>/sys/bus</c> works too).</summary>
    public string Resolve(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        return System.IO.Path.Join(Path, relative.TrimStart('/'));
    }

    public override string ToString() => Path;
}
