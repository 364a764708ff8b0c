using System.Text;
using System.Text.Json;
using Sriov.Cni.Results;
using Sriov.Cni.Skel;

namespace Sriov.Cni.Delegation;

/// <summary>The IPAM calls the plugin makes, over <see cref="IDelegateRunner"/>.</summary>
internal sealed class IpamDelegate
{
    private readonly IDelegateRunner _runner;

    public IpamDelegate(IDelegateRunner runner) => _runner = runner;

    /// <summary>
    /// Whether an IPAM plugin works on the interface itself, so it must run after the VF is in the pod (ADD) and
    /// before it leaves (DEL): <c>dhcp</c> runs DHCP over it. Every other plugin only allocates addresses, and runs
    /// while the kernel moves the VF.
    /// </summary>
    public static bool UsesInterface(string? type) => type == "dhcp";

    public IRunningDelegate Start(DelegateRequest request) => _runner.Start(request);

    /// <summary>ADD: the delegate's result in the 1.1.0 model (a <see cref="DelegateException"/> when it fails or answers nonsense).</summary>
    public CniResult Add(DelegateRequest request, string requestVersion)
    {
        using var running = _runner.Start(request with { Command = "ADD" });
        return Result(running, request, requestVersion);
    }

    /// <summary>Waits for a started ADD and reads its result.</summary>
    public static CniResult Result(IRunningDelegate running, DelegateRequest request, string requestVersion)
    {
        ArgumentNullException.ThrowIfNull(running);
        var output = running.Wait();
        try
        {
            using var document = JsonDocument.Parse(output);
            return ResultParser.Parse(document.RootElement, requestVersion);
        }
        catch (Exception e) when (e is JsonException or CniException)
        {
            throw new DelegateException($"{request.Type} ADD returned an unusable result: {e.Message}");
        }
    }

    public void Del(DelegateRequest request) => Run(request with { Command = "DEL" });

    public void Check(DelegateRequest request) => Run(request with { Command = "CHECK" });

    public void Status(DelegateRequest request) => Run(request with { Command = "STATUS" });

    public void Gc(DelegateRequest request) => Run(request with { Command = "GC" });

    /// <summary>Whether the delegate lists <paramref name="version"/> in its VERSION answer (false when it cannot be asked).</summary>
    public bool Supports(DelegateRequest request, string version)
    {
        try
        {
            var stdin = Encoding.UTF8.GetBytes($"{{\"cniVersion\":\"{version}\"}}");
            var output = Run(request with { Command = "VERSION", Stdin = stdin });
            using var document = JsonDocument.Parse(output);
            return document.RootElement.TryGetProperty("supportedVersions", out var list)
                && list.ValueKind == JsonValueKind.Array
                && list.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString() == version);
        }
        catch (Exception e) when (e is DelegateException or JsonException)
        {
            return false;
        }
    }

    private byte[] Run(DelegateRequest request)
    {
        using var running = _runner.Start(request);
        return running.Wait();
    }
}
