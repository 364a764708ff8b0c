using System.Net;

namespace Sriov.Cni.Results;

/// <summary><c>routes[]</c>: dst and gw for every version; mtu, advmss, priority, table and scope are 1.1.0 fields.</summary>
internal sealed record ResultRoute
{
    public required IpPrefix Destination { get; init; }

    public IPAddress? Gateway { get; init; }

    public int? Mtu { get; init; }

    public int? AdvMss { get; init; }

    public int? Priority { get; init; }

    public int? Table { get; init; }

    public int? Scope { get; init; }
}
