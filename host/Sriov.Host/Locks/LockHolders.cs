using System.Globalization;

namespace Sriov.Host.Locks;

/// <summary>
/// Finds which processes hold a lock on a file, from <c>/proc/locks</c>, so a timeout can say who to look at. A line
/// reads <c>1: FLOCK  ADVISORY  WRITE 1234 00:1d:5678 0 EOF</c> (id, class, mode, access, PID, major:minor:inode,
/// range); blocked waiters are marked <c>-&gt;</c> and skipped. Device numbers are hex.
/// </summary>
internal static class LockHolders
{
    public static IReadOnlyList<int> Parse(string procLocks, ulong device, ulong inode)
    {
        var major = (device >> 8) & 0xfff | ((device >> 32) & ~0xfffUL);
        var minor = (device & 0xff) | ((device >> 12) & ~0xffUL);
        var holders = new List<int>();
        foreach (var line in procLocks.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[1] == "->")
            {
                continue;
            }

            var id = fields[5].Split(':');
            if (id.Length == 3
                && ulong.TryParse(id[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var maj) && maj == major
                && ulong.TryParse(id[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var min) && min == minor
                && ulong.TryParse(id[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ino) && ino == inode
                && int.TryParse(fields[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                holders.Add(pid);
            }
        }

        return holders;
    }
}
