using System.Globalization;

namespace Sriov.Host.Sysfs;

/// <summary>
/// One network interface of a PCI function (an entry of its <c>net/</c> directory), as read at discovery. The
/// attributes drivers compute on every read (<c>speed</c> asks the driver through ethtool ops; <c>phys_port_name</c> and
/// <c>phys_switch_id</c> call <c>ndo_get_phys_port_name</c>/<c>ndo_get_port_parent_id</c>, which may talk to firmware)
/// are not part of the snapshot: they are read only by the <c>Read*</c> methods, when a caller asks.
/// </summary>
public sealed class NetdevInfo
{
    /// <summary>The interface name, e.g. <c>ens1f0v3</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Absolute path of the interface's sysfs directory (through the function's <c>net/</c> directory).</summary>
    public required string SysPath { get; init; }

    /// <summary><c>address</c>, lower-case colon-separated (20 bytes for IPoIB); null when unreadable.</summary>
    public string? Mac { get; init; }

    /// <summary><c>mtu</c>; null when unreadable.</summary>
    public int? Mtu { get; init; }

    /// <summary><c>operstate</c> (RFC 2863 names: <c>up</c>, <c>down</c>, <c>lowerlayerdown</c>, ...); null when unreadable.</summary>
    public string? OperState { get; init; }

    /// <summary>
    /// <c>carrier</c>; null when the interface is administratively down, because the kernel then answers EINVAL instead
    /// of a value (net/core/net-sysfs.c <c>carrier_show</c>).
    /// </summary>
    public bool? Carrier { get; init; }

    /// <summary><c>type</c>: an ARPHRD value, <see cref="Sysfs.LinkType.Ether"/> or <see cref="Sysfs.LinkType.Infiniband"/>.</summary>
    public int? LinkType { get; init; }

    /// <summary>The link speed in Mb/s, read from the driver now; null when unknown (down, no link, or not reported).</summary>
    public int? ReadSpeedMbps() =>
        SysfsIo.TryReadText(Path.Join(SysPath, "speed"), out var text) == 0
        && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var speed) && speed > 0
            ? speed
            : null;

    /// <summary>
    /// <c>phys_port_name</c>, read from the driver now (<c>p0</c> on an uplink, <c>pf0vf3</c> on a representor); null when
    /// the driver has none (EOPNOTSUPP, as igb answers, or the attribute is hidden).
    /// </summary>
    public string? ReadPhysPortName() => ReadOptional("phys_port_name");

    /// <summary>
    /// Whether the interface is administratively up (IFF_UP in <c>flags</c>, what <c>ip link set up</c> sets), read now;
    /// null when unreadable. Not part of the snapshot: only the config daemon asks, for PFs.
    /// </summary>
    public bool? ReadAdminUp() =>
        SysfsIo.TryReadText(Path.Join(SysPath, "flags"), out var text) == 0
        && text is { Length: > 2 } && text.StartsWith("0x", StringComparison.Ordinal)
        && int.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags)
            ? (flags & 0x1) != 0
            : null;

    /// <summary><c>phys_switch_id</c>, read from the driver now; null when the driver has none (not in switchdev mode).</summary>
    public string? ReadPhysSwitchId() => ReadOptional("phys_switch_id");

    private string? ReadOptional(string attribute) =>
        SysfsIo.TryReadText(Path.Join(SysPath, attribute), out var text) == 0 && !string.IsNullOrEmpty(text) ? text : null;

    public override string ToString() => Name;
}
