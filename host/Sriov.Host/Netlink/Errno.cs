namespace Sriov.Host.Netlink;

/// <summary>
/// Linux errno values that the host-networking code and its callers branch on, with the glibc <c>strerror</c> text
/// and the symbolic name, so that error messages read like iproute2's ("Operation not supported (EOPNOTSUPP)") on any
/// machine, independent of the C library's locale.
/// </summary>
public static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int ENXIO = 6;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int ENOTDIR = 20;
    public const int EINVAL = 22;
    public const int EMFILE = 24;
    public const int ENOSPC = 28;
    public const int EROFS = 30;
    public const int ERANGE = 34;
    public const int ENAMETOOLONG = 36;
    public const int ENOLCK = 37;
    public const int ENOSYS = 38;
    public const int ENODATA = 61;
    public const int EMSGSIZE = 90;
    public const int EPROTONOSUPPORT = 93;
    public const int EOPNOTSUPP = 95;
    public const int EAFNOSUPPORT = 97;
    public const int EADDRINUSE = 98;
    public const int EADDRNOTAVAIL = 99;
    public const int ENETDOWN = 100;
    public const int ENETUNREACH = 101;
    public const int ENOBUFS = 105;
    public const int ETIMEDOUT = 110;
    public const int EHOSTUNREACH = 113;

    /// <summary>The symbolic name (<c>EOPNOTSUPP</c>), or <c>errno N</c> for values not in the table.</summary>
    public static string Name(int errno) => Lookup(errno).Name;

    /// <summary>The glibc <c>strerror</c> text (<c>Operation not supported</c>), or <c>Unknown error N</c>.</summary>
    public static string Message(int errno) => Lookup(errno).Message;

    /// <summary><c>Operation not supported (EOPNOTSUPP)</c>: the form every host-networking error message ends with.</summary>
    public static string Describe(int errno)
    {
        var (name, message) = Lookup(errno);
        return $"{message} ({name})";
    }

    /// <summary>
    /// Whether retrying the same request later can succeed without anything else changing: the driver or the kernel
    /// was busy (EBUSY, EAGAIN, EINTR, ENOBUFS, ETIMEDOUT). Everything else (EOPNOTSUPP, EPROTONOSUPPORT, EINVAL, EEXIST,
    /// ENODEV, ...) is permanent for the same input.
    /// </summary>
    public static bool IsTransient(int errno) =>
        errno is EBUSY or EAGAIN or EINTR or ENOBUFS or ETIMEDOUT;

    private static (string Name, string Message) Lookup(int errno) => errno switch
    {
        EPERM => ("EPERM", "Operation not permitted"),
        ENOENT => ("ENOENT", "No such file or directory"),
        ESRCH => ("ESRCH", "No such process"),
        EINTR => ("EINTR", "Interrupted system call"),
        EIO => ("EIO", "Input/output error"),
        ENXIO => ("ENXIO", "No such device or address"),
        EBADF => ("EBADF", "Bad file descriptor"),
        EAGAIN => ("EAGAIN", "Resource temporarily unavailable"),
        ENOMEM => ("ENOMEM", "Cannot allocate memory"),
        EACCES => ("EACCES", "Permission denied"),
        EBUSY => ("EBUSY", "Device or resource busy"),
        EEXIST => ("EEXIST", "File exists"),
        ENODEV => ("ENODEV", "No such device"),
        ENOTDIR => ("ENOTDIR", "Not a directory"),
        EINVAL => ("EINVAL", "Invalid argument"),
        EMFILE => ("EMFILE", "Too many open files"),
        ENOSPC => ("ENOSPC", "No space left on device"),
        EROFS => ("EROFS", "Read-only file system"),
        ERANGE => ("ERANGE", "Numerical result out of range"),
        ENAMETOOLONG => ("ENAMETOOLONG", "File name too long"),
        ENOLCK => ("ENOLCK", "No locks available"),
        ENOSYS => ("ENOSYS", "Function not implemented"),
        ENODATA => ("ENODATA", "No data available"),
        EMSGSIZE => ("EMSGSIZE", "Message too long"),
        EPROTONOSUPPORT => ("EPROTONOSUPPORT", "Protocol not supported"),
        EOPNOTSUPP => ("EOPNOTSUPP", "Operation not supported"),
        EAFNOSUPPORT => ("EAFNOSUPPORT", "Address family not supported by protocol"),
        EADDRINUSE => ("EADDRINUSE", "Address already in use"),
        EADDRNOTAVAIL => ("EADDRNOTAVAIL", "Cannot assign requested address"),
        ENETDOWN => ("ENETDOWN", "Network is down"),
        ENETUNREACH => ("ENETUNREACH", "Network is unreachable"),
        ENOBUFS => ("ENOBUFS", "No buffer space available"),
        ETIMEDOUT => ("ETIMEDOUT", "Connection timed out"),
        EHOSTUNREACH => ("EHOSTUNREACH", "No route to host"),
        _ => ($"errno {errno}", $"Unknown error {errno}"),
    };
}
