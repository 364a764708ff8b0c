using Sriov.Api.NodeStates;

namespace Sriov.ConfigDaemon.Records;

/// <summary>
/// What was applied to a PF, as kept in <c>&lt;host root&gt;/etc/sriov-operator/pci/&lt;pci&gt;</c>: the node state's
/// spec entry for the PF (upstream's record, its "this PF is ours" marker) and, when we raised the PF's MTU, the MTU it
/// had before, so a reset can put it back. <see cref="Malformed"/> records still mark the PF as ours.
/// </summary>
internal sealed record PfRecord(InterfaceSpec Applied, int? OriginalMtu = null, string? Malformed = null)
{
    public bool ExternallyManaged => Applied.ExternallyManaged == true;
}
