namespace Sriov.Host.Sysfs;

/// <summary>The ARPHRD_* values of a netdev's <c>type</c> attribute that SR-IOV cares about (include/uapi/linux/if_arp.h).</summary>
public static class LinkType
{
    public const int Ether = 1;
    public const int Infiniband = 32;

    /// <summary>The name the device plugin's <c>linkTypes</c> selector and <c>ip link</c> use: <c>ether</c>, <c>infiniband</c>.</summary>
    public static string? Name(int? type) => type switch
    {
        Ether => "ether",
        Infiniband => "infiniband",
        null => null,
        _ => type.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
