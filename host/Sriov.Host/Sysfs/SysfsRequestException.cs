namespace Sriov.Host.Sysfs;

/// <summary>
/// A request that cannot be carried out on the host as it is (no such device, more VFs than <c>sriov_totalvfs</c>,
/// driver not loaded, vfio-pci without an IOMMU); refused before anything is written.
/// </summary>
public sealed class SysfsRequestException : InvalidOperationException
{
    public SysfsRequestException()
    {
    }

    public SysfsRequestException(string message)
        : base(message)
    {
    }

    public SysfsRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
