namespace Sriov.Api.SupportedNics;

/// <summary>One supported NIC model: its PF and VF PCI ids (lowercase hex, no <c>0x</c>).</summary>
public sealed record NicModel(string Name, string Vendor, string PfDeviceId, string VfDeviceId);
