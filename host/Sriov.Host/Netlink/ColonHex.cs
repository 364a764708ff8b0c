namespace Sriov.Host.Netlink;

/// <summary>Formats the low <c>count</c> bytes of a value, most significant first, as lower-case colon-separated hex
/// (<c>02:11:22:33:44:55</c> for MACs, eight octets for InfiniBand GUIDs), the form iproute2 and sriov-cni print.</summary>
internal static class ColonHex
{
    public static string Format(ulong value, int count) => string.Create((count * 3) - 1, (value, count), static (span, state) =>
    {
        const string Hex = "0123456789abcdef";
        for (var i = 0; i < state.count; i++)
        {
            var b = (byte)(state.value >> (8 * (state.count - 1 - i)));
            span[i * 3] = Hex[b >> 4];
            span[(i * 3) + 1] = Hex[b & 0xf];
            if (i < state.count - 1)
            {
                span[(i * 3) + 2] = ':';
            }
        }
    });
}
