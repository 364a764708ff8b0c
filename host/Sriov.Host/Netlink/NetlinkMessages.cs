using System.Runtime.InteropServices;

namespace Sriov.Host.Netlink;

/// <summary>
/// Enumerates the messages in one received netlink datagram (a datagram may carry several; each starts with a
/// 16-byte <c>nlmsghdr</c> and is padded to 4 bytes). A length that does not fit ends the enumeration.
/// </summary>
internal ref struct NetlinkMessages
{
    private ReadOnlySpan<byte> _rest;

    public NetlinkMessages(ReadOnlySpan<byte> datagram)
    {
        _rest = datagram;
        Current = default;
    }

    public NetlinkMessage Current { get; private set; }

    public readonly NetlinkMessages GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_rest.Length < Nl.HeaderSize)
        {
            return false;
        }

        var len = MemoryMarshal.Read<uint>(_rest);
        if (len < Nl.HeaderSize || len > _rest.Length)
        {
            _rest = default;
            return false;
        }

        Current = new NetlinkMessage(
            MemoryMarshal.Read<ushort>(_rest[4..]),
            MemoryMarshal.Read<ushort>(_rest[6..]),
            MemoryMarshal.Read<uint>(_rest[8..]),
            MemoryMarshal.Read<uint>(_rest[12..]),
            _rest[Nl.HeaderSize..(int)len]);
        _rest = _rest[Math.Min(Nl.Align((int)len), _rest.Length)..];
        return true;
    }
}

/// <summary>One netlink message: header fields and the payload after the 16-byte header.</summary>
internal readonly ref struct NetlinkMessage
{
    public NetlinkMessage(ushort type, ushort flags, uint sequence, uint portId, ReadOnlySpan<byte> payload)
    {
        Type = type;
        Flags = flags;
        Sequence = sequence;
        PortId = portId;
        Payload = payload;
    }

    public ushort Type { get; }

    public ushort Flags { get; }

    public uint Sequence { get; }

    public uint PortId { get; }

    public ReadOnlySpan<byte> Payload { get; }
}
