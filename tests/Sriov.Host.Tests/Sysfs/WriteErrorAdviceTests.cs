using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;

namespace Sriov.Host.Tests.Sysfs;

public class WriteErrorAdviceTests
{
    [Theory]
    [InlineData("NumVfs", Errno.EBUSY, null, "write 0 first")]
    [InlineData("NumVfs", Errno.ERANGE, null, "sriov_totalvfs is 64")]
    [InlineData("NumVfs", Errno.ENOENT, null, "no driver bound")]
    [InlineData("NumVfs", Errno.ENOMEM, null, "fewer VFs")]
    [InlineData("NumVfs", Errno.EOPNOTSUPP, null, "does not support")]
    [InlineData("NumVfs", Errno.EACCES, null, "run as root")]
    [InlineData("Bind", Errno.EBUSY, "iavf", "already bound")]
    [InlineData("Bind", Errno.ENODEV, "iavf", "iavf does not accept")]
    [InlineData("Bind", Errno.EINVAL, "vfio-pci", "intel_iommu=on")]
    [InlineData("Bind", Errno.EINVAL, "iavf", "iavf's probe failed")]
    [InlineData("Unbind", Errno.ENODEV, "iavf", "not bound to that driver")]
    [InlineData("DriversProbe", Errno.ENODEV, null, "vanished")]
    [InlineData("DriverOverride", Errno.ENOENT, null, "no driver_override")]
    [InlineData("Unbind", Errno.EIO, "iavf", "check dmesg")]
    public void Says_what_to_do(string kind, int errno, string? driver, string advice) =>
        Assert.Contains(advice, WriteErrorAdvice.For(Enum.Parse<SysfsWriteKind>(kind), errno, driver, totalVfs: 64));
}
