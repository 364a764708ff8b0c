using System.Runtime.InteropServices;

namespace Sriov.Cni.Delegation;

/// <summary>
/// The libc calls <see cref="SpawnDelegateRunner"/> needs (Tmds.LibC 0.5.0 lacks posix_spawn and waitpid). Bound at
/// link time (DirectPInvoke in the project), as every libc call of the plugin.
/// </summary>
internal static unsafe partial class SpawnNative
{
    /// <summary>glibc x86_64/arm64: sizeof(posix_spawn_file_actions_t) is 80, sizeof(posix_spawnattr_t) 336.</summary>
    public const int FileActionsSize = 128;

    public const int AttrSize = 512;

    public const short PosixSpawnSetSigdef = 0x04;
    public const short PosixSpawnSetSigmask = 0x08;

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int FileActionsInit(byte* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int FileActionsDestroy(byte* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int FileActionsAddDup2(byte* actions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    public static partial int AttrInit(byte* attr);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    public static partial int AttrDestroy(byte* attr);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    public static partial int AttrSetFlags(byte* attr, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int AttrSetSigDefault(byte* attr, byte* sigset);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int AttrSetSigMask(byte* attr, byte* sigset);

    [LibraryImport("libc", EntryPoint = "posix_spawn")]
    public static partial int Spawn(int* pid, byte* path, byte* actions, byte* attr, byte** argv, byte** envp);

    public const int Sigpipe = 13;
    public const nint SigIgn = 1;

    [LibraryImport("libc", EntryPoint = "signal")]
    public static partial nint Signal(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    public static partial int WaitPid(int pid, int* status, int options);
}
