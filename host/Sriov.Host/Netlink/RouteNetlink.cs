using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Sriov.Host.Namespaces;

namespace Sriov.Host.Netlink;

/// <summary>
/// An rtnetlink (NETLINK_ROUTE) client bound to one network namespace: links (get, dump, rename, MTU, MAC, up/down,
/// move to another namespace with an optional rename, altname removal), addresses and routes. <see cref="OpenIn"/>
/// creates the socket inside a namespace (<see cref="NetnsSocket"/>: the calling thread switches in and straight
/// back); every request then runs on the caller's thread. Not thread-safe: one request at a time per instance.
/// <para>
/// Errors are <see cref="NetlinkException"/> naming the operation and device, e.g.
/// <c>set MTU 9000 on net1 (netns /run/netns/x): Invalid argument (EINVAL)</c>.
/// </para>
/// </summary>
public sealed class RouteNetlink : IDisposable
{
    private readonly NetlinkSocket _socket;
    private readonly string _where;

    private RouteNetlink(NetlinkSocket socket, string where)
    {
        _socket = socket;
        _where = where;
    }

    /// <summary>The namespace description used in error messages (empty for the caller's own namespace).</summary>
    public string Namespace => _where;

    internal NetlinkSocket Socket => _socket;

    /// <summary>A client for the calling thread's namespace (the host namespace for our binaries).</summary>
    public static RouteNetlink Open() => new(NetlinkSocket.Open(Nl.NETLINK_ROUTE), string.Empty);

    /// <summary>A client whose socket lives in <paramref name="netns"/>.</summary>
    public static RouteNetlink OpenIn(NetNs netns)
    {
        ArgumentNullException.ThrowIfNull(netns);
        return new RouteNetlink(NetlinkSocket.Open(Nl.NETLINK_ROUTE, netns), $" (netns {netns.Path})");
    }

    /// <summary>Looks a device up by name (altnames too, for names over 15 bytes); ENODEV when absent.</summary>
    public LinkInfo GetLink(string name, bool withVfs = false) =>
        TryGetLink(name, withVfs) ?? throw new NetlinkException($"get link {name}{_where}", Errno.ENODEV);

    /// <summary>Looks a device up by name; null when there is none.</summary>
    public LinkInfo? TryGetLink(string name, bool withVfs = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        RtnlRequests.GetLinkByName(_socket.Builder, name, withVfs);
        return QueryLink($"get link {name}{_where}");
    }

    public LinkInfo GetLink(int index, bool withVfs = false) =>
        TryGetLink(index, withVfs) ?? throw new NetlinkException(
            string.Create(CultureInfo.InvariantCulture, $"get link ifindex {index}{_where}"), Errno.ENODEV);

    public LinkInfo? TryGetLink(int index, bool withVfs = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        RtnlRequests.GetLinkByIndex(_socket.Builder, index, withVfs);
        return QueryLink(string.Create(CultureInfo.InvariantCulture, $"get link ifindex {index}{_where}"));
    }

    /// <summary>Every device in the namespace (RTM_GETLINK dump).</summary>
    public IReadOnlyList<LinkInfo> GetLinks(bool withVfs = false)
    {
        RtnlRequests.DumpLinks(_socket.Builder, withVfs);
        var links = new List<LinkInfo>();
        _socket.Dump("list links" + _where, links, static (list, type, payload) =>
        {
            if (type == Rtnl.RTM_NEWLINK && LinkParser.Parse(payload) is { } link)
            {
                list.Add(link);
            }
        }, static list => list.Clear());
        return links;
    }

    public void SetName(LinkRef link, string newName)
    {
        InterfaceName.Validate(newName, nameof(newName));
        RtnlRequests.SetName(_socket.Builder, link.Index, newName);
        _socket.Acknowledge($"rename {link.Name} to {newName}{_where}");
    }

    public void SetMtu(LinkRef link, int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mtu);
        RtnlRequests.SetMtu(_socket.Builder, link.Index, mtu);
        _socket.Acknowledge(string.Create(CultureInfo.InvariantCulture, $"set MTU {mtu} on {link.Name}{_where}"));
    }

    /// <summary>Sets the device's own MAC (IFLA_ADDRESS), e.g. the VF netdev's effective MAC inside the pod.</summary>
    public void SetMac(LinkRef link, MacAddress mac)
    {
        RtnlRequests.SetMac(_socket.Builder, link.Index, mac);
        _socket.Acknowledge($"set MAC {mac} on {link.Name}{_where}");
    }

    public void SetUp(LinkRef link)
    {
        RtnlRequests.SetUp(_socket.Builder, link.Index, up: true);
        _socket.Acknowledge($"set {link.Name} up{_where}");
    }

    public void SetDown(LinkRef link)
    {
        RtnlRequests.SetUp(_socket.Builder, link.Index, up: false);
        _socket.Acknowledge($"set {link.Name} down{_where}");
    }

    /// <summary>
    /// Moves the device into <paramref name="target"/>, renaming it there in the same request when
    /// <paramref name="newName"/> is given. The kernel does this in two steps (move, then rename): if the rename fails
    /// (EEXIST: the name or an altname is taken in the target), the device stays in the target under its old name.
    /// Find it there with <see cref="FindMovedLink"/> on a client opened in the target, and move it back.
    /// </summary>
    public void MoveToNetns(LinkRef link, NetNs target, string? newName = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (newName is not null)
        {
            InterfaceName.Validate(newName, nameof(newName));
        }

        RtnlRequests.MoveToNetns(_socket.Builder, link.Index, target.Fd, newName);
        var rename = newName is null ? string.Empty : $" as {newName}";
        _socket.Acknowledge($"move {link.Name} to netns {target.Path}{rename}{_where}");
        GC.KeepAlive(target);
    }

    /// <summary>
    /// After a move (possibly half done) into this client's namespace, finds the device: under its old name (the
    /// rename failed after the move), else under the new name. A device under the old name is taken as ours because a
    /// clash on the old name makes the kernel use the new name for the move itself (or refuse the move); a device
    /// under the new name only when it kept the old ifindex (the kernel keeps it across a move unless it is taken in
    /// the target). Ifindexes are per namespace, so another device can carry the same number: pass the device's MAC
    /// (known before the move) whenever possible, and only a device with that MAC is returned. Null when not here.
    /// </summary>
    public LinkInfo? FindMovedLink(int oldIndex, string oldName, string? newName, MacAddress? mac = null)
    {
        var byOldName = TryGetLink(oldName);
        if (byOldName is not null && (mac is null || byOldName.Mac == mac))
        {
            return byOldName;
        }

        if (newName is null)
        {
            return null;
        }

        var byNewName = TryGetLink(newName);
        var ours = byNewName is not null && (mac is null ? byNewName.Index == oldIndex : byNewName.Mac == mac);
        return ours ? byNewName : null;
    }

    /// <summary>Removes an alternative name (RTM_DELLINKPROP), e.g. the host name a VF carries into the pod.</summary>
    public void DeleteAltName(LinkRef link, string altName)
    {
        ArgumentException.ThrowIfNullOrEmpty(altName);
        RtnlRequests.DeleteAltName(_socket.Builder, link.Index, altName);
        _socket.Acknowledge($"delete altname {altName} of {link.Name}{_where}");
    }

    /// <summary>Adds an address (EEXIST when it is already there).</summary>
    public void AddAddress(LinkRef link, IPAddress address, int prefixLength)
    {
        ValidatePrefix(address, prefixLength);
        RtnlRequests.Address(_socket.Builder, add: true, link.Index, address, prefixLength);
        _socket.Acknowledge(string.Create(CultureInfo.InvariantCulture, $"add address {address}/{prefixLength} to {link.Name}{_where}"));
    }

    public void DeleteAddress(LinkRef link, IPAddress address, int prefixLength)
    {
        ValidatePrefix(address, prefixLength);
        RtnlRequests.Address(_socket.Builder, add: false, link.Index, address, prefixLength);
        _socket.Acknowledge(string.Create(CultureInfo.InvariantCulture, $"delete address {address}/{prefixLength} from {link.Name}{_where}"));
    }

    /// <summary>Addresses of one family (Unspecified: both) on one device (index 0: all devices).</summary>
    public IReadOnlyList<AddressInfo> GetAddresses(AddressFamily family = AddressFamily.Unspecified, int index = 0)
    {
        RtnlRequests.DumpAddresses(_socket.Builder, family, index);
        var state = (List: new List<AddressInfo>(), Index: index);
        _socket.Dump("list addresses" + _where, state, static (s, type, payload) =>
        {
            // Filter here too: kernels without NETLINK_GET_STRICT_CHK ignore the index in the request.
            if (type == Rtnl.RTM_NEWADDR && AddressParser.Parse(payload) is { } address
                && (s.Index == 0 || address.InterfaceIndex == s.Index))
            {
                s.List.Add(address);
            }
        }, static s => s.List.Clear());
        return state.List;
    }

    /// <summary>Adds a route (EEXIST when an identical one exists).</summary>
    public void AddRoute(RouteInfo route)
    {
        ArgumentNullException.ThrowIfNull(route);
        ValidateRoute(route);
        RtnlRequests.Route(_socket.Builder, add: true, route);
        _socket.Acknowledge($"add route {route}{_where}");
    }

    /// <summary>Deletes the route matching destination, table and, when set, gateway, interface and metric.</summary>
    public void DeleteRoute(RouteInfo route)
    {
        ArgumentNullException.ThrowIfNull(route);
        ValidateRoute(route);
        RtnlRequests.Route(_socket.Builder, add: false, route);
        _socket.Acknowledge($"delete route {route}{_where}");
    }

    /// <summary>Routes of one family, in every table or one.</summary>
    public IReadOnlyList<RouteInfo> GetRoutes(AddressFamily family, uint? table = null)
    {
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"family: routes are listed per family (InterNetwork or InterNetworkV6), not {family}", nameof(family));
        }

        RtnlRequests.DumpRoutes(_socket.Builder, family);
        var state = (List: new List<RouteInfo>(), Table: table);
        _socket.Dump("list routes" + _where, state, static (s, type, payload) =>
        {
            if (type == Rtnl.RTM_NEWROUTE && RouteParser.Parse(payload) is { } route && (s.Table is null || route.Table == s.Table))
            {
                s.List.Add(route);
            }
        }, static s => s.List.Clear());
        return state.List;
    }

    public void Dispose() => _socket.Dispose();

    private LinkInfo? QueryLink(string operation)
    {
        try
        {
            var box = new LinkInfo?[1];
            _socket.Execute(operation, box, static (b, type, payload) =>
            {
                if (type == Rtnl.RTM_NEWLINK)
                {
                    b[0] = LinkParser.Parse(payload);
                }
            });
            return box[0];
        }
        catch (NetlinkException e) when (e.Errno == Errno.ENODEV)
        {
            return null;
        }
    }

    private static void ValidatePrefix(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        var max = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6) || prefixLength < 0 || prefixLength > max)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"prefixLength: {prefixLength} is not a valid prefix length for {address} (0-{max})"),
                nameof(prefixLength));
        }
    }

    private static void ValidateRoute(RouteInfo route)
    {
        if (route.Gateway is not null && route.Gateway.AddressFamily != route.Destination.BaseAddress.AddressFamily)
        {
            throw new ArgumentException($"route.Gateway: gateway {route.Gateway} is not of the same family as destination {route.Destination}", nameof(route));
        }
    }
}
