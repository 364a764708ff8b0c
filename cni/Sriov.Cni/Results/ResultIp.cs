using System.Net;

namespace Sriov.Cni.Results;

/// <summary><c>ips[]</c>: address, gateway, and the index into <c>interfaces</c> (absent in a delegate's result).</summary>
internal sealed record ResultIp
{
    public required IpPrefix Address { get; init; }

    public IPAddress? Gateway { get; init; }

    public int? Interface { get; init; }
}
