using System.Runtime.ExceptionServices;
using Tmds.Linux;
using ErrnoTable = Sriov.Host.Netlink.Errno;

namespace Sriov.Host.Namespaces;

/// <summary>
/// Runs synchronous code inside a network namespace, on a dedicated OS thread made for that one call.
/// <para>
/// Why a fresh thread every time: Linux threads inherit their creator's namespaces, and .NET's thread pool (and its
/// gate and timer threads) start lazily from whichever thread needs them. Switching a pool thread, or any long-lived
/// thread, would leave threads stuck in the pod's namespace for life (the trap containernetworking documents in
/// <c>pkg/ns/README.md</c> for Go). The dedicated thread switches in, runs the action, switches back, and exits; if
/// switching back fails it exits all the same, so no thread ever returns to general use in a foreign namespace.
/// </para>
/// <para>
/// The action must be synchronous and self-contained: no <c>await</c>, no <c>Task.Run</c>, no timers, no thread or
/// child-process creation (a child inherits its parent thread's namespace; our spawn helpers refuse through
/// <see cref="ThrowIfInForeignNetns"/>). Typical use: <c>/proc/sys/net</c> writes (resolved against the opening
/// thread's namespace). A socket alone needs no thread of its own: <see cref="NetnsSocket"/> makes it from the caller's
/// thread (it stays in the namespace it was made in, so all further work happens from ordinary threads).
/// </para>
/// </summary>
public static class NetnsRunner
{
    // Small stack: the actions are a few system calls.
    private const int StackSize = 256 * 1024;

    private static int _restoreFailures;

    // Set on a dedicated thread while it is inside the target namespace; every other thread sees null.
    [ThreadStatic]
    private static string? t_foreignNetns;

    /// <summary>The namespace this thread was switched into by <see cref="Run{T}"/>, or null (any other thread).</summary>
    internal static string? CurrentForeignNetns => t_foreignNetns;

    /// <summary>
    /// Throws when the calling thread is one <see cref="Run{T}"/> switched into another network namespace. A child
    /// process inherits the namespaces of the thread that creates it, so a child started there (a CNI delegate, a tool)
    /// would run, and configure interfaces, in the pod's namespace instead of the host's. Every helper of ours that
    /// starts a child process calls this first, naming the child.
    /// </summary>
    public static void ThrowIfInForeignNetns(string child)
    {
        if (t_foreignNetns is { } ns)
        {
            throw new InvalidOperationException(
                $"refusing to start {child} from a thread inside network namespace {ns} (NetnsRunner.Run): a child process "
                + "inherits its thread's namespace; start it from an ordinary thread, outside the NetnsRunner action");
        }
    }

    /// <summary>Runs <paramref name="action"/> inside <paramref name="target"/> and returns its result.</summary>
    public static T Run<T>(NetNs target, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(action);
        return OnDedicatedThread(() =>
        {
            using var origin = NetNs.OpenCurrentThread();
            if (LibC.setns(target.Fd, NamespaceNative.CloneNewNet) != 0)
            {
                var errno = LibC.errno;
                throw new NetnsException($"enter netns {target.Path}: {ErrnoTable.Describe(errno)}", errno);
            }

            t_foreignNetns = target.Path;
            try
            {
                return action();
            }
            finally
            {
                if (LibC.setns(origin.Fd, NamespaceNative.CloneNewNet) != 0)
                {
                    // The thread exits right after this call and is never reused, so nothing else runs there.
                    Interlocked.Increment(ref _restoreFailures);
                }
                else
                {
                    t_foreignNetns = null;
                }
            }
        });
    }

    /// <summary>Runs <paramref name="action"/> inside <paramref name="target"/>.</summary>
    public static void Run(NetNs target, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Run(target, () =>
        {
            action();
            return true;
        });
    }

    /// <summary>Times switching back failed (the thread was discarded); for diagnostics and tests.</summary>
    internal static int RestoreFailures => Volatile.Read(ref _restoreFailures);

    /// <summary>Runs <paramref name="func"/> on a new, non-pool thread and waits for it; exceptions flow back.</summary>
    internal static T OnDedicatedThread<T>(Func<T> func)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = func();
                }
#pragma warning disable CA1031 // Re-thrown on the caller's thread below.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            StackSize)
        {
            IsBackground = true,
            Name = "sriov-netns",
        };
        thread.UnsafeStart();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
