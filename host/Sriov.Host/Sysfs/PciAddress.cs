using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Sriov.Host.Sysfs;

/// <summary>
/// A PCI function address as the kernel names it in sysfs: <c>DDDD:BB:DD.F</c> in lower-case hex (domain of four or
/// more digits, as VMD domains such as 10000 have five; bus 00-ff, device 00-1f, function 0-7).
/// </summary>
public readonly record struct PciAddress : IComparable<PciAddress>
{
    public PciAddress(int domain, int bus, int device, int function)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(domain);
        ArgumentOutOfRangeException.ThrowIfNegative(bus);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bus, 0xff);
        ArgumentOutOfRangeException.ThrowIfNegative(device);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(device, 0x1f);
        ArgumentOutOfRangeException.ThrowIfNegative(function);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(function, 7);
        Domain = domain;
        Bus = bus;
        Device = device;
        Function = function;
    }

    public int Domain { get; }

    public int Bus { get; }

    public int Device { get; }

    public int Function { get; }

    /// <summary>The 16-bit routing ID (bus &lt;&lt; 8 | devfn) the kernel computes VF addresses from.</summary>
    public int RoutingId => (Bus << 8) | (Device << 3) | Function;

    /// <summary>
    /// The address of VF <paramref name="index"/> of this PF, computed like the kernel's <c>pci_iov_virtfn_bus</c> and
    /// <c>pci_iov_virtfn_devfn</c>: routing ID + <c>sriov_offset</c> + <c>sriov_stride</c> × index, carrying into the
    /// bus number (the real igb PF 01:00.0 with offset 128 and stride 2 has VFs 01:10.0, 01:10.2, ...).
    /// </summary>
    public PciAddress VirtualFunction(int offset, int stride, int index)
    {
        var rid = RoutingId + offset + (stride * index);
        if (offset < 1 || stride < 0 || index < 0 || rid > 0xffff)
        {
            throw new ArgumentOutOfRangeException(
                nameof(index), $"VF {index} of {this} with offset {offset} and stride {stride} is outside the PCI bus range");
        }

        return new PciAddress(Domain, rid >> 8, (rid >> 3) & 0x1f, rid & 7);
    }

    public static PciAddress Parse(string text) =>
        TryParse(text, out var address)
            ? address
            : throw new FormatException($"'{text}' is not a PCI address; expected DDDD:BB:DD.F such as 0000:3b:00.0");

    public static bool TryParse([NotNullWhen(true)] string? text, out PciAddress address) =>
        TryParse(text.AsSpan(), out address) && text is not null;

    public static bool TryParse(ReadOnlySpan<char> text, out PciAddress address)
    {
        address = default;

        // Domain is at least 4 hex digits (VMD domains have 5); then ":BB:DD.F" is exactly 8 characters.
        if (text.Length < 12 || text[^8] != ':' || text[^5] != ':' || text[^2] != '.')
        {
            return false;
        }

        if (!TryHex(text[..^8], out var domain) || !TryHex(text.Slice(text.Length - 7, 2), out var bus)
            || !TryHex(text.Slice(text.Length - 4, 2), out var device) || !TryHex(text[^1..], out var function)
            || device > 0x1f || function > 7 || domain > int.MaxValue)
        {
            return false;
        }

        address = new PciAddress((int)domain, (int)bus, (int)device, (int)function);
        return true;
    }

    private static bool TryHex(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        foreach (var c in text)
        {
            // Lower-case only: the kernel never prints upper-case addresses, so "0000:3B:00.0" is not a sysfs name.
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return text.Length > 0 && long.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    public int CompareTo(PciAddress other)
    {
        var c = Domain.CompareTo(other.Domain);
        return c != 0 ? c : RoutingId.CompareTo(other.RoutingId);
    }

    public static bool operator <(PciAddress left, PciAddress right) => left.CompareTo(right) < 0;

    public static bool operator >(PciAddress left, PciAddress right) => left.CompareTo(right) > 0;

    public static bool operator <=(PciAddress left, PciAddress right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PciAddress left, PciAddress right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Domain:x4}:{Bus:x2}:{Device:x2}.{Function:x1}");
}
