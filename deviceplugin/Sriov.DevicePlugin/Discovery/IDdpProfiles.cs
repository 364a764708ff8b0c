namespace Sriov.DevicePlugin.Discovery;

/// <summary>The seam for Intel DDP profiles (a child process, <c>ddptool</c>); asked only when a selector has <c>ddpProfiles</c>.</summary>
internal interface IDdpProfiles
{
    /// <summary>The active DDP package name of a function, or null when it has none or the tool cannot tell.</summary>
    string? Read(string pciAddress);
}
