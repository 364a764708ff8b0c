namespace Sriov.Host.Sysfs;

/// <summary>
/// The one seam every sysfs write goes through, so tests can observe writes (e.g. "re-applying writes nothing") or
/// answer with an errno. Production uses <see cref="KernelSysfsWriter"/>. Errno injection against the real write path
/// comes from outside the process (<c>strace -e inject=write:error=EBUSY</c>), never from switches in product code.
/// </summary>
public interface ISysfsWriter
{
    /// <summary>
    /// Writes <paramref name="content"/> to an existing attribute with one <c>write(2)</c>, the way the kernel expects
    /// (it parses the buffer of a single write). Returns 0 or the errno; never creates a file.
    /// </summary>
    int Write(string path, string content);
}
