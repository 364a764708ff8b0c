using System.Runtime.InteropServices;

namespace Sriov.DevicePlugin.Watch;

/// <summary>
/// Runs the periodic discovery on a dedicated thread with the lowest CPU priority (nice 19), so a resync (tens of
/// milliseconds of CPU for 512 VFs) never competes with the kubelet's Allocate calls for the node's cores: Linux
/// schedules a nice-19 thread with about 1.5 % of a nice-0 thread's weight when both want the CPU. The nice value is a
/// per-thread attribute on Linux (setpriority(2), "Bugs"), so only this thread is affected.
/// </summary>
internal static partial class BackgroundThread
{
    private const int PrioProcess = 0;
    private const int Lowest = 19;

    public static Task<T> RunAsync<T>(Func<T> work, string name)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            // Best effort: without the right to lower it (never the case, lowering needs no privilege) the work runs anyway.
            _ = SetPriority(PrioProcess, 0, Lowest);
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, uint who, int priority);
}
