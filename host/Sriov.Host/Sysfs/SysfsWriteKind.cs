namespace Sriov.Host.Sysfs;

/// <summary>Which attribute a write went to: the same errno means different things on each.</summary>
internal enum SysfsWriteKind
{
    NumVfs,
    Bind,
    Unbind,
    DriverOverride,
    DriversProbe,
}
