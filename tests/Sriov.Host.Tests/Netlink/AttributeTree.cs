using System.Runtime.InteropServices;
using System.Text;

namespace Sriov.Host.Tests.Netlink;

/// <summary>
/// Decodes a link request into a canonical text tree for comparison with iproute2's, independently of the product's
/// reader: it ignores the sequence number and port id, treats RTM_NEWLINK and RTM_SETLINK alike, masks NLA_F_NESTED,
/// and replaces the value of IFLA_NET_NS_FD (a file descriptor number, local to each process) with "fd".
/// </summary>
internal static class AttributeTree
{
    // Nested attribute types by parent path (from linux/if_link.h): IFLA_VFINFO_LIST(22) > IFLA_VF_INFO(1) >
    // IFLA_VF_VLAN_LIST(12); IFLA_PROP_LIST(52).
    private static readonly HashSet<string> Nested = ["22", "22/1", "22/1/12", "52"];

    public static string Describe(ReadOnlySpan<byte> message)
    {
        var length = (int)MemoryMarshal.Read<uint>(message);
        var type = MemoryMarshal.Read<ushort>(message[4..]);
        var flags = MemoryMarshal.Read<ushort>(message[6..]);
        var kind = type is 16 or 19 ? "LINK" : type.ToString();
        var header = message.Slice(16, 16);
        var text = new StringBuilder();
        text.Append($"{kind} flags=0x{flags:x} ifinfomsg(family={header[0]} type={MemoryMarshal.Read<ushort>(header[2..])} ");
        text.Append($"index={MemoryMarshal.Read<int>(header[4..])} flags=0x{MemoryMarshal.Read<uint>(header[8..]):x} change=0x{MemoryMarshal.Read<uint>(header[12..]):x})");
        Attributes(message[32..length], string.Empty, text);
        return text.ToString();
    }

    private static void Attributes(ReadOnlySpan<byte> data, string path, StringBuilder text)
    {
        text.Append(" [");
        while (data.Length >= 4)
        {
            var len = MemoryMarshal.Read<ushort>(data);
            var type = MemoryMarshal.Read<ushort>(data[2..]) & 0x3fff;
            var payload = data[4..len];
            var here = path.Length == 0 ? type.ToString() : $"{path}/{type}";
            text.Append($" {type}=");
            if (Nested.Contains(here))
            {
                Attributes(payload, here, text);
            }
            else if (path.Length == 0 && type == 28)
            {
                text.Append("fd");
            }
            else
            {
                text.Append(Convert.ToHexString(payload));
            }

            data = data[Math.Min((len + 3) & ~3, data.Length)..];
        }

        text.Append(" ]");
    }
}
