using System.Diagnostics;
using System.Text.Json;

namespace Sriov.Sim.Node.Netdevs;

/// <summary>
/// Runs iproute2's <c>ip</c> for the simulator's veth plumbing (the project's own rtnetlink client is not used here so
/// the simulator stays independent of the code it tests).
/// </summary>
internal static class IpCommand
{
    public const string Path = "ip";

    /// <summary>Runs <c>ip args</c>; returns stdout; throws <see cref="IOException"/> with stderr when it fails.</summary>
    public static string Run(IEnumerable<string> args, string? stdin = null)
    {
        var (code, stdout, stderr) = TryRun(args, stdin);
        if (code != 0)
        {
            throw new IOException($"ip {string.Join(' ', args)} failed ({code}): {stderr.Trim()}");
        }

        return stdout;
    }

    public static (int Code, string Stdout, string Stderr) TryRun(IEnumerable<string> args, string? stdin = null)
    {
        var psi = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        Sriov.Host.Namespaces.NetnsRunner.ThrowIfInForeignNetns($"ip {string.Join(' ', psi.ArgumentList)}");
        using var p = Process.Start(psi) ?? throw new IOException("cannot start ip (is iproute2 installed?)");
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.GetAwaiter().GetResult(), stderr);
    }

    /// <summary><c>ip [-n ns] -j link show</c> as a list of links.</summary>
    public static List<IpLink> Links(string? netns)
    {
        var args = netns is null ? new[] { "-j", "link", "show" } : ["-n", netns, "-j", "link", "show"];
        using var doc = JsonDocument.Parse(Run(args));
        var links = new List<IpLink>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            links.Add(new IpLink(
                e.GetProperty("ifname").GetString()!,
                e.GetProperty("ifindex").GetInt32(),
                e.TryGetProperty("link_index", out var li) ? li.GetInt32() : null,
                e.TryGetProperty("link_netnsid", out var ln) ? ln.GetInt32() : null,
                e.TryGetProperty("address", out var a) ? a.GetString() : null,
                e.TryGetProperty("mtu", out var m) ? m.GetInt32() : 0));
        }

        return links;
    }

    /// <summary>The names of the network namespaces <paramref name="netns"/> has ids for (<c>ip -n ns netns list-id</c>): nsid → name, for named ones.</summary>
    public static Dictionary<int, string> PeerNamespaces(string netns)
    {
        using var doc = JsonDocument.Parse(Run(["-n", netns, "-j", "netns", "list-id"]));
        var map = new Dictionary<int, string>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (e.TryGetProperty("name", out var name) && e.TryGetProperty("nsid", out var id) && id.ValueKind == JsonValueKind.Number)
            {
                map[id.GetInt32()] = name.GetString()!;
            }
        }

        return map;
    }

    /// <summary>The id the current (host) namespace has for the named namespace, or null (<c>ip -j netns list</c>).</summary>
    public static int? NamespaceId(string netns)
    {
        using var doc = JsonDocument.Parse(Run(["-j", "netns", "list"]) is { Length: > 0 } s ? s : "[]");
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (e.GetProperty("name").GetString() == netns && e.TryGetProperty("id", out var id))
            {
                return id.GetInt32();
            }
        }

        return null;
    }

    /// <summary>A row of <c>ip -j link show</c>.</summary>
    internal sealed record IpLink(string Name, int Index, int? LinkIndex, int? LinkNetnsId, string? Address, int Mtu);
}
