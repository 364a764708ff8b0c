using System.Globalization;

namespace Sriov.Host.Sysfs;

/// <summary>Pure parsers for the contents of sysfs attributes (no I/O; table-tested).</summary>
internal static class SysfsParse
{
    /// <summary>The ids in <c>modalias</c>.</summary>
    internal readonly record struct PciIds(string Vendor, string Device, string SubsystemVendor, string SubsystemDevice, string ClassCode);

    /// <summary>
    /// Parses <c>pci:v00008086d00001889sv00008086sd00000000bc02sc00i00</c> (drivers/pci/pci-sysfs.c <c>modalias_show</c>):
    /// four 8-digit ids of which the low 4 digits are the 16-bit value, then base class, subclass and prog-if.
    /// One read instead of five, which is why the device plugin reads it too.
    /// </summary>
    public static bool TryParseModalias(string? text, out PciIds ids)
    {
        ids = default;
        if (text is null || text.Length < 53 || !text.StartsWith("pci:v", StringComparison.Ordinal) || text[13] != 'd'
            || string.CompareOrdinal(text, 22, "sv", 0, 2) != 0 || string.CompareOrdinal(text, 32, "sd", 0, 2) != 0
            || string.CompareOrdinal(text, 42, "bc", 0, 2) != 0 || string.CompareOrdinal(text, 46, "sc", 0, 2) != 0
            || text[50] != 'i')
        {
            return false;
        }

        var span = text.AsSpan();
        if (!IsHex(span.Slice(5, 8)) || !IsHex(span.Slice(14, 8)) || !IsHex(span.Slice(24, 8)) || !IsHex(span.Slice(34, 8))
            || !IsHex(span.Slice(44, 2)) || !IsHex(span.Slice(48, 2)) || !IsHex(span.Slice(51, 2)))
        {
            return false;
        }

        ids = new PciIds(
            Lower(span.Slice(9, 4)),
            Lower(span.Slice(18, 4)),
            Lower(span.Slice(28, 4)),
            Lower(span.Slice(38, 4)),
            string.Concat(Lower(span.Slice(44, 2)), Lower(span.Slice(48, 2)), Lower(span.Slice(51, 2))));
        return true;
    }

    /// <summary>Parses <c>0x8086</c> (the <c>vendor</c>/<c>device</c>/<c>class</c> files) into lower-case hex without prefix.</summary>
    public static bool TryParseHexId(string? text, int digits, out string id)
    {
        id = "";
        if (text is null || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length != digits + 2
            || !IsHex(text.AsSpan(2)))
        {
            return false;
        }

        id = Lower(text.AsSpan(2));
        return true;
    }

    /// <summary>A decimal integer such as <c>sriov_numvfs</c> or <c>numa_node</c> (which may be <c>-1</c>).</summary>
    public static bool TryParseInt(string? text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary><c>driver_override</c> prints <c>(null)</c> when unset (drivers/pci/pci-sysfs.c); writing "\n" clears it.</summary>
    public static string? ParseDriverOverride(string? text) =>
        string.IsNullOrEmpty(text) || text == "(null)" ? null : text;

    /// <summary><c>carrier</c> is <c>0</c> or <c>1</c>.</summary>
    public static bool? ParseCarrier(string? text) => text switch
    {
        "1" => true,
        "0" => false,
        _ => null,
    };

    /// <summary>A <c>virtfnN</c> entry name's N, or -1.</summary>
    public static int VirtfnIndex(string name) =>
        name.StartsWith("virtfn", StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return s.Length > 0;
    }

    private static string Lower(ReadOnlySpan<char> s)
    {
        Span<char> buffer = stackalloc char[s.Length];
        s.ToLowerInvariant(buffer);
        return new string(buffer);
    }
}
