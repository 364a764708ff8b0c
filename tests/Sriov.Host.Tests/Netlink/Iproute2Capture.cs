using System.Globalization;
using Sriov.Host.Tests.Namespaces;

namespace Sriov.Host.Tests.Netlink;

/// <summary>
/// Captures the netlink requests iproute2 sends, at test time: <c>strace -f -e trace=sendmsg -e write=all ip ...</c>
/// prints a hex dump of every sent buffer (real-clients.md §4 made these captures by hand; here the tests make them
/// against the machine's own iproute2, so they cannot drift).
/// </summary>
internal static class Iproute2Capture
{
    /// <summary>The last RTM_NEWLINK/RTM_SETLINK/RTM_DELLINKPROP iproute2 sent for <c>ip &lt;args&gt;</c>.</summary>
    public static byte[] LastLinkRequest(params string[] ipArgs)
    {
        var log = Path.Combine(Path.GetTempPath(), $"s4-strace-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        try
        {
            // iproute2's exit code is ignored: on a veth the VF requests are refused with EOPNOTSUPP after being sent.
            _ = Shell.Run("strace", ["-f", "-qq", "-e", "trace=sendmsg", "-e", "write=all", "-e", "signal=none", "-o", log, "ip", .. ipArgs]);
            var messages = ParseDumps(File.ReadAllLines(log));
            return messages.Last(m => BitConverter.ToUInt16(m, 4) is 16 or 19 or 109);
        }
        finally
        {
            File.Delete(log);
        }
    }

    /// <summary>Every buffer strace dumped, in order (lines <c> | 00000  34 00 ... ascii |</c>).</summary>
    public static List<byte[]> ParseDumps(IEnumerable<string> lines)
    {
        var result = new List<byte[]>();
        List<byte>? current = null;
        foreach (var raw in lines)
        {
            var line = raw;
            var marker = line.IndexOf(" | ", StringComparison.Ordinal);
            if (line.Contains(" bytes in buffer ", StringComparison.Ordinal))
            {
                current = [];
                result.Add([]);
                continue;
            }

            if (current is null || marker < 0 || line.Length < marker + 10)
            {
                continue;
            }

            var hex = line.Substring(marker + 10, Math.Min(49, line.Length - marker - 10));
            foreach (var token in hex.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                current.Add(byte.Parse(token, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }

            result[^1] = [.. current];
        }

        return result;
    }
}
