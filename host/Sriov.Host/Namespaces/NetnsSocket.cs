using Tmds.Linux;
using ErrnoTable = Sriov.Host.Netlink.Errno;

namespace Sriov.Host.Namespaces;

/// <summary>
/// Opens a socket inside a network namespace from the calling thread, without a thread of its own. A socket belongs to
/// the namespace it was created in for life (netlink requests, packets sent on it, all act there), so this is all a
/// caller needs to work in a pod's namespace from ordinary threads.
/// <para>
/// Why not <see cref="NetnsRunner"/>: starting and joining its dedicated thread costs a CNI call ~0.2-0.5 ms, more
/// than everything else it does besides the kernel's netns move (docs/benchmarks.md, "CNI"). The switch here is safe on
/// any thread, pool threads included, because nothing but three system calls runs while the thread is inside: the
/// thread switches in, creates the socket, switches back. No managed code runs in between that could allocate (and
/// so start a garbage collection, which may create a thread that would inherit the namespace), start a thread or a
/// process, or await.
/// </para>
/// </summary>
public static class NetnsSocket
{
    /// <summary>
    /// <c>socket(domain, type, protocol)</c> inside <paramref name="target"/>: the descriptor, or -1 with the
    /// socket's errno in <paramref name="errno"/>. Throws <see cref="NetnsException"/> when the thread cannot enter the
    /// namespace (nothing changed then).
    /// </summary>
    public static int Open(NetNs target, int domain, int type, int protocol, out int errno)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var origin = NetNs.OpenCurrentThread();
        var targetFd = target.Fd;
        var originFd = origin.Fd;
        if (LibC.setns(targetFd, NamespaceNative.CloneNewNet) != 0)
        {
            var enterErrno = LibC.errno;
            throw new NetnsException($"enter netns {target.Path}: {ErrnoTable.Describe(enterErrno)}", enterErrno);
        }

        var fd = LibC.socket(domain, type, protocol);
        var socketErrno = fd < 0 ? LibC.errno : 0;
        if (LibC.setns(originFd, NamespaceNative.CloneNewNet) != 0)
        {
            // The thread would go on in the pod's namespace: every socket, /proc/sys write and child process it makes
            // later would land there. setns back to a namespace the thread just left, through a descriptor we hold,
            // fails only if the kernel is out of memory; stopping is the one safe answer.
            Environment.FailFast($"switch back from netns {target.Path} to {origin.Path} after opening a socket: {ErrnoTable.Describe(LibC.errno)}");
        }

        GC.KeepAlive(target);
        errno = socketErrno;
        return fd;
    }
}
