using Sriov.Host.Namespaces;

namespace Sriov.Host.Tests.Namespaces;

/// <summary>
/// Named network namespaces for one test, made with <c>ip netns add</c> under names carrying a per-run token (other
/// engineers run netns tests on the same machine) and deleted by name on dispose; veths made inside die with them.
/// </summary>
internal sealed class TestNetns : IDisposable
{
    private static readonly string RunToken = $"{Environment.ProcessId & 0xfff:x3}{Random.Shared.Next(0x1000):x3}";
    private static int _counter;
    private readonly List<string> _names = [];
    private readonly List<NetNs> _open = [];

    /// <summary>A short unique token (6 hex) for this run; interface names are "s4" + token + 2-3 chars (≤ 15).</summary>
    public static string Token => RunToken;

    /// <summary>A unique interface name: <c>s4&lt;token&gt;&lt;suffix&gt;</c>.</summary>
    public static string Ifname(string suffix) => $"s4{RunToken}{suffix}";

    /// <summary>Creates a named netns and returns its name (<c>/run/netns/&lt;name&gt;</c>).</summary>
    public string Add()
    {
        var name = $"s4-{RunToken}-{Interlocked.Increment(ref _counter)}";
        Shell.Check("ip", "netns", "add", name);
        _names.Add(name);
        Shell.Check("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    public NetNs Open(string name)
    {
        var ns = NetNs.Open("/run/netns/" + name);
        _open.Add(ns);
        return ns;
    }

    /// <summary>A veth pair inside <paramref name="ns"/>.</summary>
    public static void Veth(string ns, string name, string peer) =>
        Shell.Check("ip", "-n", ns, "link", "add", name, "type", "veth", "peer", "name", peer);

    public void Dispose()
    {
        foreach (var ns in _open)
        {
            ns.Dispose();
        }

        foreach (var name in _names)
        {
            _ = Shell.Run("ip", "netns", "del", name);
        }
    }
}
