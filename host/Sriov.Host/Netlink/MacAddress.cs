using System.Globalization;

namespace Sriov.Host.Netlink;

/// <summary>
/// A 48-bit Ethernet address, formatted the way the kernel and sriov-cni's cache do (<c>0a:1b:2c:3d:4e:5f</c>,
/// lower case). A value type with no allocation, so the CNI path can compare addresses freely.
/// </summary>
public readonly record struct MacAddress
{
    private readonly ulong _value;

    private MacAddress(ulong value) => _value = value;

    public static MacAddress Zero => default;

    public bool IsZero => _value == 0;

    /// <summary>Group bit (least significant bit of the first octet) set: multicast or broadcast.</summary>
    public bool IsMulticast => ((_value >> 40) & 1) != 0;

    public bool IsBroadcast => _value == 0xffff_ffff_ffff;

    /// <summary>Usable as a unicast interface address: not zero, not multicast, not broadcast.</summary>
    public bool IsValidUnicast => !IsZero && !IsMulticast;

    public static MacAddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 6)
        {
            throw new ArgumentException($"a MAC address needs 6 bytes, got {bytes.Length}", nameof(bytes));
        }

        ulong value = 0;
        for (var i = 0; i < 6; i++)
        {
            value = (value << 8) | bytes[i];
        }

        return new MacAddress(value);
    }

    /// <summary>Parses <c>aa:bb:cc:dd:ee:ff</c> (also with <c>-</c> separators, any case).</summary>
    public static MacAddress Parse(string text) =>
        TryParse(text, out var mac)
            ? mac
            : throw new FormatException($"invalid MAC address \"{text}\": expected six hex octets like 02:00:00:00:00:01");

    public static bool TryParse(string? text, out MacAddress mac)
    {
        mac = default;
        if (text is null || text.Length != 17)
        {
            return false;
        }

        ulong value = 0;
        for (var i = 0; i < 6; i++)
        {
            var octet = text.AsSpan(i * 3, 2);
            if (i < 5 && text[(i * 3) + 2] is not (':' or '-'))
            {
                return false;
            }

            if (!byte.TryParse(octet, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                return false;
            }

            value = (value << 8) | b;
        }

        mac = new MacAddress(value);
        return true;
    }

    public void CopyTo(Span<byte> destination)
    {
        for (var i = 0; i < 6; i++)
        {
            destination[i] = (byte)(_value >> (8 * (5 - i)));
        }
    }

    public byte[] ToArray()
    {
        var bytes = new byte[6];
        CopyTo(bytes);
        return bytes;
    }

    public override string ToString() => ColonHex.Format(_value, 6);
}
