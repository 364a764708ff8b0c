namespace Sriov.Sim.Kubelet;

/// <summary>One registration attempt: how it came, for which resource and endpoint, and the kubelet's answer
/// (<see cref="Error"/> is null when accepted).</summary>
public sealed record RegistrationRecord(
    RegistrationMode Mode, string ResourceName, string Endpoint, string? Error, DateTimeOffset At)
{
    public bool Accepted => Error is null;
}
