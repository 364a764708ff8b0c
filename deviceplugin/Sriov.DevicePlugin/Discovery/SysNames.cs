namespace Sriov.DevicePlugin.Discovery;

/// <summary>
/// The sysfs entry names discovery recognises, parsed by hand (the plugin carries no regular-expression engine, which
/// would add to its resident size): an uplink's <c>phys_port_name</c> (<c>p0</c>), a vDPA device (<c>vdpa3</c>), an
/// auxiliary device (<c>mlx5_core.sf.4</c>).
/// </summary>
internal static class SysNames
{
    /// <summary><c>p&lt;digits&gt;</c>: the uplink of a switchdev PF (representors are <c>pf0vf3</c>, <c>pf0sf1</c>...).</summary>
    public static bool IsUplinkPortName(string name) => HasDigitsAfter(name, "p");

    /// <summary><c>vdpa&lt;digits&gt;</c>.</summary>
    public static bool IsVdpaDevice(string name) => HasDigitsAfter(name, "vdpa");

    /// <summary>The type of an auxiliary device name <c>&lt;driver&gt;.&lt;type&gt;.&lt;id&gt;</c> (id a non-negative
    /// integer); null for anything else.</summary>
    public static string? AuxType(string name)
    {
        var parts = name.Split('.');
        return parts.Length == 3 && parts[0].Length > 0 && parts[1].Length > 0 && IsDigits(parts[2]) ? parts[1] : null;
    }

    private static bool HasDigitsAfter(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal) && IsDigits(name.AsSpan(prefix.Length));

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return s.Length > 0;
    }
}
