using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sriov.Cni.Results;

/// <summary>
/// An address with a prefix length as CNI results write it (<c>10.1.2.3/24</c>: host bits kept, unlike
/// <see cref="IPNetwork"/>, which refuses them).
/// </summary>
internal readonly record struct IpPrefix(IPAddress Address, int PrefixLength)
{
    public bool IsV4 => Address.AddressFamily == AddressFamily.InterNetwork;

    public static bool TryParse(string? text, out IpPrefix prefix)
    {
        prefix = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash <= 0
            || !IPAddress.TryParse(text.AsSpan(0, slash), out var address)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }

        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (length > max)
        {
            return false;
        }

        prefix = new IpPrefix(address, length);
        return true;
    }

    /// <summary>The network (host bits cleared), for routes.</summary>
    public IPNetwork Network
    {
        get
        {
            var bytes = Address.GetAddressBytes();
            for (var i = 0; i < bytes.Length; i++)
            {
                var bits = Math.Clamp(PrefixLength - (i * 8), 0, 8);
                bytes[i] &= (byte)(0xff << (8 - bits));
            }

            return new IPNetwork(new IPAddress(bytes), PrefixLength);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Address}/{PrefixLength}");
}
