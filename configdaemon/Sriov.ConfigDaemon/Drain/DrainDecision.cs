namespace Sriov.ConfigDaemon.Drain;

/// <summary>
/// The node side of the drain handshake (operator.md §4.6), pure. The daemon writes <c>desired-state</c> on its node
/// state (and the same value in the Node's <c>sriovnetwork.openshift.io/state</c>); the operator's drain controller
/// writes <c>current-state</c>. A missing annotation reads as <c>Idle</c>. The daemon applies a plan that needs a drain
/// only while it asks for one and the operator reports <c>DrainComplete</c>: a <c>DrainComplete</c> left from an
/// earlier drain that was already released (desired <c>Idle</c>) means the node is about to be uncordoned, so it asks
/// again rather than change VFs under returning pods.
/// </summary>
internal static class DrainDecision
{
    public static DrainStep Decide(bool needsDrain, bool disableDrain, string? desired, string? current)
    {
        if (!needsDrain || disableDrain)
        {
            return DrainStep.Apply;
        }

        var asked = desired is DrainStates.DrainRequired or DrainStates.RebootRequired;
        if (!asked)
        {
            return DrainStep.Request;
        }

        return current == DrainStates.DrainComplete ? DrainStep.Apply : DrainStep.Wait;
    }

    /// <summary>Whether the daemon still holds a drain it asked for (to release once the node is configured, or failed).</summary>
    public static bool Holds(string? desired) => desired is not (null or DrainStates.Idle);
}
