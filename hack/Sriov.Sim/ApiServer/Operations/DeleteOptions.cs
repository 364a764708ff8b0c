namespace Sriov.Sim.ApiServer.Operations;

/// <summary>The parts of <c>DeleteOptions</c> the emulator honours.</summary>
internal sealed record DeleteOptions(
    PropagationPolicy? Propagation, string? PreconditionUid, string? PreconditionResourceVersion, bool DryRun)
{
    public static DeleteOptions Default { get; } = new(null, null, null, false);
}
