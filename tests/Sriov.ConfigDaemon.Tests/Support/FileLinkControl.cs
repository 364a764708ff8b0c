using System.Globalization;
using Sriov.ConfigDaemon.HostAccess;
using Sriov.Host;

namespace Sriov.ConfigDaemon.Tests.Support;

/// <summary>
/// Link control for a simulated node with file netdevs: writes the attribute files the kernel would change (<c>mtu</c>,
/// <c>flags</c>, <c>operstate</c>) under <c>sys/class/net/&lt;if&gt;</c>, and logs every call.
/// </summary>
internal sealed class FileLinkControl(HostRoot root) : ILinkControl
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public Dictionary<string, IReadOnlyList<string>> AltNamesByInterface { get; } = [];

    public void SetMtu(string ifName, int mtu)
    {
        Log($"mtu {ifName} {mtu}");
        File.WriteAllText(Attr(ifName, "mtu"), mtu.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    public void SetUp(string ifName)
    {
        Log($"up {ifName}");
        var flags = int.Parse(File.ReadAllText(Attr(ifName, "flags")).Trim()[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        File.WriteAllText(Attr(ifName, "flags"), "0x" + (flags | 1).ToString("x", CultureInfo.InvariantCulture) + "\n");
        File.WriteAllText(Attr(ifName, "operstate"), "up\n");
    }

    public IReadOnlyList<string> AltNames(string ifName) => AltNamesByInterface.GetValueOrDefault(ifName) ?? [];

    public void Clear()
    {
        lock (_calls)
        {
            _calls.Clear();
        }
    }

    private string Attr(string ifName, string name)
    {
        var path = Path.Join(root.Resolve("sys/class/net"), ifName, name);
        return File.Exists(path) ? path : throw new Sriov.Host.Netlink.NetlinkException($"set {name} on {ifName}", Sriov.Host.Netlink.Errno.ENODEV);
    }

    private void Log(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
    }
}
