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

    /// <summary>ADD: the delegate's result in the 1.1.0 model (code 107 when it fails or answers nonsense).</summary>
    public CniResult Add(DelegateRequest request, string requestVersion)
    {
        var output = _runner.Run(request with { Command = "ADD" });
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

    public void Del(DelegateRequest request) => _runner.Run(request with { Command = "DEL" });

    public void Check(DelegateRequest request) => _runner.Run(request with { Command = "CHECK" });

    public void Status(DelegateRequest request) => _runner.Run(request with { Command = "STATUS" });

    public void Gc(DelegateRequest request) => _runner.Run(request with { Command = "GC" });

    /// <summary>Whether the delegate lists <paramref name="version"/> in its VERSION answer (false when it cannot be asked).</summary>
    public bool Supports(DelegateRequest request, string version)
    {
        try
        {
            var stdin = Encoding.UTF8.GetBytes($"{{\"cniVersion\":\"{version}\"}}");
            var output = _runner.Run(request with { Command = "VERSION", Stdin = stdin });
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
}
