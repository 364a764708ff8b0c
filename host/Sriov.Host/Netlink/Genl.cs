namespace Sriov.Host.Netlink;

/// <summary>Generic netlink and devlink constants from <c>linux/genetlink.h</c> and <c>linux/devlink.h</c>.</summary>
internal static class Genl
{
    public const int HeaderSize = 4;

    public const ushort GENL_ID_CTRL = 16;
    public const byte CTRL_CMD_GETFAMILY = 3;
    public const ushort CTRL_ATTR_FAMILY_ID = 1;
    public const ushort CTRL_ATTR_FAMILY_NAME = 2;

    public const string DevlinkFamily = "devlink";
    public const byte DEVLINK_GENL_VERSION = 1;
    public const byte DEVLINK_CMD_ESWITCH_GET = 29;
    public const ushort DEVLINK_ATTR_BUS_NAME = 1;
    public const ushort DEVLINK_ATTR_DEV_NAME = 2;
    public const ushort DEVLINK_ATTR_ESWITCH_MODE = 25;
}
