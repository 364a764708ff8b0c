using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Sriov.Host.Netlink;

/// <summary>
/// Writes one netlink request into a reusable buffer: the 16-byte <c>nlmsghdr</c>, a family header, then attributes
/// (<c>rtattr</c>/<c>nlattr</c>: u16 length, u16 type, payload padded to 4 bytes). Integers are host byte order as the
/// kernel expects, except where a field is explicitly big-endian (VLAN protocol). One builder per socket; no allocation
/// per message once the buffer has grown.
/// </summary>
internal sealed class NetlinkMessageBuilder
{
    private byte[] _buffer = new byte[1024];
    private int _length;

    /// <summary>The bytes written so far (the whole message after <see cref="Finish"/>).</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public ushort MessageType => MemoryMarshal.Read<ushort>(_buffer.AsSpan(4));

    public ushort Flags => MemoryMarshal.Read<ushort>(_buffer.AsSpan(6));

    /// <summary>Starts a message: <c>nlmsghdr{len (patched by Finish), type, flags, seq 0, pid 0}</c>.</summary>
    public NetlinkMessageBuilder Begin(ushort type, ushort flags)
    {
        _length = 0;
        var header = Reserve(Nl.HeaderSize);
        header.Clear();
        MemoryMarshal.Write(header[4..], in type);
        MemoryMarshal.Write(header[6..], in flags);
        return this;
    }

    /// <summary><c>ifinfomsg{u8 family; u8 pad; u16 type; s32 index; u32 flags; u32 change}</c>.</summary>
    public NetlinkMessageBuilder IfInfo(int index, uint flags = 0, uint change = 0, byte family = 0)
    {
        var s = Reserve(Rtnl.IfInfoMsgSize);
        s.Clear();
        s[0] = family;
        MemoryMarshal.Write(s[4..], in index);
        MemoryMarshal.Write(s[8..], in flags);
        MemoryMarshal.Write(s[12..], in change);
        return this;
    }

    /// <summary><c>ifaddrmsg{u8 family; u8 prefixlen; u8 flags; u8 scope; u32 index}</c>.</summary>
    public NetlinkMessageBuilder IfAddr(byte family, byte prefixLength, byte flags, byte scope, int index)
    {
        var s = Reserve(Rtnl.IfAddrMsgSize);
        s[0] = family;
        s[1] = prefixLength;
        s[2] = flags;
        s[3] = scope;
        MemoryMarshal.Write(s[4..], in index);
        return this;
    }

    /// <summary><c>rtmsg{u8 family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags}</c>.</summary>
    public NetlinkMessageBuilder RtMsg(byte family, byte dstLength, byte table, byte protocol, byte scope, byte type)
    {
        var s = Reserve(Rtnl.RtMsgSize);
        s.Clear();
        s[0] = family;
        s[1] = dstLength;
        s[4] = table;
        s[5] = protocol;
        s[6] = scope;
        s[7] = type;
        return this;
    }

    /// <summary><c>genlmsghdr{u8 cmd; u8 version; u16 reserved}</c>.</summary>
    public NetlinkMessageBuilder GenlHeader(byte command, byte version)
    {
        var s = Reserve(Genl.HeaderSize);
        s.Clear();
        s[0] = command;
        s[1] = version;
        return this;
    }

    /// <summary>Reserves an attribute with a payload of <paramref name="payloadLength"/> bytes and returns the payload.</summary>
    public Span<byte> Attribute(ushort type, int payloadLength)
    {
        var total = Nl.AttributeHeaderSize + payloadLength;
        var s = Reserve(Nl.Align(total));
        s.Clear();
        var len = checked((ushort)total);
        MemoryMarshal.Write(s, in len);
        MemoryMarshal.Write(s[2..], in type);
        return s.Slice(Nl.AttributeHeaderSize, payloadLength);
    }

    public NetlinkMessageBuilder Bytes(ushort type, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(Attribute(type, payload.Length));
        return this;
    }

    public NetlinkMessageBuilder U32(ushort type, uint value)
    {
        MemoryMarshal.Write(Attribute(type, 4), in value);
        return this;
    }

    public NetlinkMessageBuilder U16(ushort type, ushort value)
    {
        MemoryMarshal.Write(Attribute(type, 2), in value);
        return this;
    }

    /// <summary>A NUL-terminated string attribute (as iproute2 and the kernel's NLA_STRING/NLA_NUL_STRING expect).</summary>
    public NetlinkMessageBuilder String(ushort type, string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        var s = Attribute(type, count + 1);
        Encoding.UTF8.GetBytes(value, s);
        s[count] = 0;
        return this;
    }

    /// <summary>Opens a nested attribute; close it with <see cref="EndNested"/>. Sets NLA_F_NESTED.</summary>
    public int BeginNested(ushort type)
    {
        var offset = _length;
        var s = Reserve(Nl.AttributeHeaderSize);
        var flagged = (ushort)(type | Nl.NLA_F_NESTED);
        MemoryMarshal.Write(s[2..], in flagged);
        return offset;
    }

    public void EndNested(int offset)
    {
        var len = checked((ushort)(_length - offset));
        MemoryMarshal.Write(_buffer.AsSpan(offset), in len);
    }

    /// <summary>Patches <c>nlmsg_len</c> and <c>nlmsg_seq</c> and returns the finished message.</summary>
    public ReadOnlySpan<byte> Finish(uint sequence)
    {
        var s = _buffer.AsSpan();
        var len = (uint)_length;
        MemoryMarshal.Write(s, in len);
        MemoryMarshal.Write(s[8..], in sequence);
        return Written;
    }

    /// <summary>Writes a big-endian u16 (network byte order fields such as <c>ifla_vf_vlan_info.vlan_proto</c>).</summary>
    public static void WriteBigEndian(Span<byte> destination, ushort value) =>
        BinaryPrimitives.WriteUInt16BigEndian(destination, value);

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var s = _buffer.AsSpan(_length, count);
        _length += count;
        return s;
    }
}
