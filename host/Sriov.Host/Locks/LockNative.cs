using System.Runtime.InteropServices;

namespace Sriov.Host.Locks;

/// <summary><c>flock(2)</c>, which Tmds.LibC 0.5.0 does not bind.</summary>
internal static partial class LockNative
{
    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;
    public const int LOCK_UN = 8;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FLock(int fd, int operation);

    /// <summary>0 on success, else the errno.</summary>
    public static int Flock(int fd, int operation) =>
        FLock(fd, operation) == 0 ? 0 : Marshal.GetLastPInvokeError();
}
