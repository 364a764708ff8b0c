namespace Sriov.Cni.Journal;

/// <summary>
/// How far an ADD got. Written before the step it names starts, so a DEL after a kill knows what may have happened
/// (docs/vf-lifecycle.md, "The CNI's journal"). Teardown progress is kept apart (<see cref="AttachmentJournal.PfRestored"/>,
/// <see cref="AttachmentJournal.IpamReleased"/>).
/// </summary>
internal enum JournalPhase
{
    /// <summary>The VF is resolved, locked and its original state captured; nothing changed yet.</summary>
    Prepared,

    /// <summary>PF-side settings are being applied (<see cref="AttachmentJournal.Issued"/> lists those sent).</summary>
    PfConfig,

    /// <summary>The move (and rename) of the VF netdev into the pod may have been sent.</summary>
    MoveIssued,

    /// <summary>The netdev is in the pod under its new name; MAC and link state may be changing.</summary>
    Moved,

    /// <summary>The IPAM delegate may have been asked to ADD.</summary>
    IpamIssued,

    /// <summary>IPAM answered; addresses and routes may be in the pod.</summary>
    IpamDone,

    /// <summary>ADD finished.</summary>
    Complete,

    /// <summary>
    /// DEL found the pod's netns gone and the VF netdev not (yet) back on the host: PF-side settings and IPAM are
    /// done; the host-side name, MAC and MTU are restored by a later DEL, GC, or the next ADD on the VF.
    /// </summary>
    AwaitingReturn,
}
