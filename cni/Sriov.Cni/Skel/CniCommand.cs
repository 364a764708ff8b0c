namespace Sriov.Cni.Skel;

/// <summary>The values of <c>CNI_COMMAND</c>.</summary>
internal enum CniCommand
{
    Add,
    Del,
    Check,
    Status,
    Gc,
    Version,
}
