using Sriov.Host.Sysfs;

namespace Sriov.Host.Tests.Sysfs;

/// <summary>
/// Kernel errors on the real write path: <c>sriov-sim host ...</c> runs in a child process under
/// <c>strace -P &lt;attribute&gt; -e inject=write:error=E:when=N</c>, so the Nth write(2) to that attribute fails with the
/// errno exactly as the kernel would return it, and our code must turn it into advice and roll back.
/// strace counts <c>when=N</c> per thread, and each write runs on a pool thread, so only the first write of a command
/// can be targeted reliably; the rollback after a later failed write is covered in-process by <see cref="PciControlTests"/>.
/// </summary>
public class ErrnoInjectionTests
{
    [Theory]
    [InlineData(0, "set-numvfs --pf 0000:3b:00.0 --count 3", "0000:3b:00.0/sriov_numvfs", "EBUSY", 1, "write 0 first", 0, "iavf")]
    [InlineData(0, "set-numvfs --pf 0000:3b:00.0 --count 3", "0000:3b:00.0/sriov_numvfs", "ERANGE", 1, "sriov_totalvfs is 128", 0, "iavf")]
    [InlineData(0, "set-numvfs --pf 0000:3b:00.0 --count 5", "0000:3b:00.0/sriov_numvfs", "ENOMEM", 1, "ask for fewer VFs", 0, "iavf")]
    [InlineData(2, "set-numvfs --pf 0000:3b:00.0 --count 5", "0000:3b:00.0/sriov_numvfs", "EINVAL", 1, "did not accept the value", 2, "iavf")]
    [InlineData(1, "bind --device 0000:3b:01.0 --driver vfio-pci", "drivers/vfio-pci/bind", "EINVAL", 1, "rolled back: the function is on iavf again", 1, "iavf")]
    [InlineData(1, "bind --device 0000:3b:01.0 --driver vfio-pci", "drivers/vfio-pci/bind", "ENODEV", 1, "vfio-pci does not accept this function", 1, "iavf")]
    [InlineData(1, "unbind --device 0000:3b:01.0", "drivers/iavf/unbind", "ENODEV", 1, "not bound to that driver any more", 1, "iavf")]
    public async Task Injected_errno_becomes_an_error_that_says_what_to_do(
        int vfs, string command, string attribute, string errno, int when, string advice, int vfsAfter, string vfDriverAfter)
    {
        using var node = SimNodes.Running("intel-e810", d => d.Ports[0].NumVfs = vfs);
        var path = attribute.StartsWith("drivers/", StringComparison.Ordinal)
            ? node.Root.Resolve("sys/bus/pci/" + attribute)
            : Path.Join(new DirectoryInfo(node.Root.Resolve("sys/bus/pci/devices/" + attribute.Split('/')[0])).ResolveLinkTarget(true)!.FullName, attribute.Split('/')[1]);

        var (code, _, stderr) = await SimUnderStrace.RunAsync(
            ["-f", "-qq", "-o", "/dev/null", "-P", path, "-e", "trace=write", "-e", $"inject=write:error={errno}:when={when}"],
            $"host {command} --root {node.Root.Path} --timeout 20");

        Assert.True(code == 1, $"exit {code}: {stderr}");
        Assert.Contains($" ({errno}): ", stderr);
        Assert.Contains(advice, stderr);

        // strace fails the write before the file changes (only O_TRUNC empties it); the emulator must not take that
        // for a write, so a correct client leaves no rejected operation behind.
        await node.WaitIdleAsync();
        Assert.Empty(node.Rejections);
        var pf = new PciDiscovery(node.Root).Discover(PciAddress.Parse("0000:3b:00.0"))!;
        Assert.Equal(vfsAfter, pf.NumVfs);
        if (vfsAfter > 0)
        {
            Assert.Equal(vfDriverAfter, new PciDiscovery(node.Root).Discover(pf.Vfs[0].Address)!.Driver);
        }

        Assert.Equal(vfsAfter.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(Path.Join(pf.SysPath, "sriov_numvfs")).Trim());
    }
}
