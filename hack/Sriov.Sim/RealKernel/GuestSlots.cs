using System.Globalization;

namespace Sriov.Sim.RealKernel;

/// <summary>
/// A machine-wide limit on guests booting at once. Each guest runs two vCPU threads under software emulation; with
/// several test assemblies booting their guests in parallel on a 2-core machine the guests starve, and Debian's
/// kernel reports RCU stalls and misses step deadlines. A slot is an exclusive lock on one of
/// <c>$TMPDIR/sriov-realkernel-slots/slot-N</c> (flock through <see cref="FileShare.None"/>), held for the whole boot and
/// released on dispose or when the process dies. <c>RK_MAX_GUESTS</c> sets the number of slots (default 2).
/// </summary>
internal static class GuestSlots
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static int Count =>
        int.TryParse(Environment.GetEnvironmentVariable("RK_MAX_GUESTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : 2;

    public static string Directory => Path.Combine(Path.GetTempPath(), "sriov-realkernel-slots");

    public static async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var count = Count;
        while (true)
        {
            for (var i = 0; i < count; i++)
            {
                var path = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"slot-{i}"));
                try
                {
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException)
                {
                    // Taken by another guest of this or another test process.
                }
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }
}
