using System.Runtime.InteropServices;
using System.Text;

namespace Sriov.Host.Netlink;

/// <summary>
/// Enumerates the attributes of a netlink payload (<c>rtattr</c>/<c>nlattr</c>: u16 length, u16 type, payload padded to
/// 4 bytes). The NLA_F_NESTED and NLA_F_NET_BYTEORDER bits are masked out of <see cref="NetlinkAttribute.Type"/>. A
/// truncated or malformed attribute ends the enumeration rather than throwing: the kernel never sends one, and a
/// parser of kernel replies must not crash on a future attribute.
/// </summary>
internal ref struct NetlinkAttributes
{
    private ReadOnlySpan<byte> _rest;

    public NetlinkAttributes(ReadOnlySpan<byte> payload)
    {
        _rest = payload;
        Current = default;
    }

    public NetlinkAttribute Current { get; private set; }

    public readonly NetlinkAttributes GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_rest.Length < Nl.AttributeHeaderSize)
        {
            return false;
        }

        var len = MemoryMarshal.Read<ushort>(_rest);
        var type = MemoryMarshal.Read<ushort>(_rest[2..]);
        if (len < Nl.AttributeHeaderSize || len > _rest.Length)
        {
            _rest = default;
            return false;
        }

        Current = new NetlinkAttribute((ushort)(type & Nl.NLA_TYPE_MASK), (type & Nl.NLA_F_NESTED) != 0,
            _rest[Nl.AttributeHeaderSize..len]);
        var advance = Math.Min(Nl.Align(len), _rest.Length);
        _rest = _rest[advance..];
        return true;
    }
}

/// <summary>One attribute: its type (flags masked), whether NLA_F_NESTED was set, and its payload.</summary>
internal readonly ref struct NetlinkAttribute
{
    public NetlinkAttribute(ushort type, bool nestedFlag, ReadOnlySpan<byte> payload)
    {
        Type = type;
        NestedFlag = nestedFlag;
        Payload = payload;
    }

    public ushort Type { get; }

    public bool NestedFlag { get; }

    public ReadOnlySpan<byte> Payload { get; }

    public uint U32 => Payload.Length >= 4 ? MemoryMarshal.Read<uint>(Payload) : 0;

    public ushort U16 => Payload.Length >= 2 ? MemoryMarshal.Read<ushort>(Payload) : (ushort)0;

    public byte U8 => Payload.Length >= 1 ? Payload[0] : (byte)0;

    /// <summary>The payload as a string, up to the first NUL (Go's netlink sends names without one).</summary>
    public string String
    {
        get
        {
            var end = Payload.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? Payload : Payload[..end]);
        }
    }

    public NetlinkAttributes Nested => new(Payload);
}
