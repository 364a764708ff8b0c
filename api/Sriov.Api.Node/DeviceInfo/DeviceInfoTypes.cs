namespace Sriov.Api.Node.DeviceInfo;

/// <summary>The values of <see cref="DeviceInfoFile.Type"/>.</summary>
public static class DeviceInfoTypes
{
    public const string Pci = "pci";
    public const string Vdpa = "vdpa";
    public const string VhostUser = "vhost-user";
    public const string Memif = "memif";
}
