namespace Sriov.Host.Netlink;

/// <summary>Encoders for the generic-netlink requests we send (see <c>docs/netlink.md</c>).</summary>
internal static class GenlRequests
{
    /// <summary>nlctrl CTRL_CMD_GETFAMILY (version 1) with CTRL_ATTR_FAMILY_NAME.</summary>
    public static void GetFamily(NetlinkMessageBuilder b, string name) =>
        b.Begin(Genl.GENL_ID_CTRL, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK)
            .GenlHeader(Genl.CTRL_CMD_GETFAMILY, 1)
            .String(Genl.CTRL_ATTR_FAMILY_NAME, name);

    /// <summary>devlink DEVLINK_CMD_ESWITCH_GET with DEVLINK_ATTR_BUS_NAME "pci" and DEVLINK_ATTR_DEV_NAME.</summary>
    public static void EswitchGet(NetlinkMessageBuilder b, ushort family, string pciAddress) =>
        b.Begin(family, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK)
            .GenlHeader(Genl.DEVLINK_CMD_ESWITCH_GET, Genl.DEVLINK_GENL_VERSION)
            .String(Genl.DEVLINK_ATTR_BUS_NAME, "pci")
            .String(Genl.DEVLINK_ATTR_DEV_NAME, pciAddress);
}
