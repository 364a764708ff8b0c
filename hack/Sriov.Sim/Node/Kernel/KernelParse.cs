using System.Globalization;
using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;

namespace Sriov.Sim.Node.Kernel;

/// <summary>How the kernel parses what is written to the attributes the emulator reacts to. Pure; table-tested.</summary>
internal static class KernelParse
{
    /// <summary>
    /// <c>kstrtou16(buf, 0, ...)</c> as <c>sriov_numvfs_store</c> calls it: base auto-detected (<c>0x</c> hex, leading
    /// <c>0</c> octal), an optional <c>+</c>, one trailing newline. Returns 0, EINVAL (not a number) or ERANGE (> 65535).
    /// </summary>
    public static int ParseU16(string text, out int value)
    {
        value = 0;
        var s = text.EndsWith('\n') ? text[..^1] : text;
        if (s.StartsWith('+'))
        {
            s = s[1..];
        }

        var (digits, radix) = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? (s[2..], 16)
            : s.Length > 1 && s[0] == '0' ? (s[1..], 8)
            : (s, 10);
        if (digits.Length == 0)
        {
            return Errno.EINVAL;
        }

        ulong acc = 0;
        foreach (var c in digits)
        {
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return Errno.EINVAL;
            }

            acc = (acc * (ulong)radix) + (ulong)d;
            if (acc > ushort.MaxValue)
            {
                return Errno.ERANGE;
            }
        }

        value = (int)acc;
        return 0;
    }

    /// <summary>
    /// <c>driver_set_override</c>: at most a page, cut at the first newline; empty means "clear". Returns 0 or EINVAL.
    /// </summary>
    public static int ParseDriverOverride(string text, out string? driver)
    {
        driver = null;
        if (text.Length >= 4095)
        {
            return Errno.EINVAL;
        }

        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var value = newline >= 0 ? text[..newline] : text;
        driver = value.Length == 0 ? null : value;
        return 0;
    }

    /// <summary>
    /// The device name written to <c>bind</c>, <c>unbind</c> and <c>drivers_probe</c>, matched like <c>sysfs_streq</c>
    /// (a trailing newline is ignored, nothing else is).
    /// </summary>
    public static PciAddress? ParseDeviceName(string text)
    {
        var s = text.EndsWith('\n') ? text[..^1] : text;
        return PciAddress.TryParse(s, out var address) ? address : null;
    }

    public static string Shown(string written) => written.TrimEnd('\n');

    public static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
