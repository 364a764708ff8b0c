namespace Sriov.Sim.Node.Kernel;

/// <summary>
/// A write the real kernel would have refused (with <see cref="Errno"/>), or a driver probe that would have failed
/// (<see cref="Errno"/> null: the write itself succeeds in the kernel, e.g. <c>drivers_probe</c> onto vfio-pci without
/// an IOMMU). A correct client causes none; tests assert the record is empty.
/// </summary>
/// <param name="Time">When the emulator saw the write.</param>
/// <param name="Attribute">The attribute written, relative to the host root (through <c>sys/bus/pci/devices</c> for device attributes).</param>
/// <param name="Written">The content written, without the trailing newline.</param>
/// <param name="Errno">The errno the kernel returns (<c>EBUSY</c>), or null for a failed probe.</param>
/// <param name="Reason">Why, in the kernel's terms.</param>
public sealed record RejectedOperation(DateTimeOffset Time, string Attribute, string Written, string? Errno, string Reason)
{
    public override string ToString() =>
        $"{Time:HH:mm:ss.fff} {Attribute} <- '{Written}': {(Errno is null ? "probe failed" : Errno)}: {Reason}";
}
