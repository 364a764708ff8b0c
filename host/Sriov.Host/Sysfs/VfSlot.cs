namespace Sriov.Host.Sysfs;

/// <summary>VF <see cref="Index"/> of a PF (its <c>virtfnN</c> link) and the VF's address.</summary>
public readonly record struct VfSlot(int Index, PciAddress Address);
