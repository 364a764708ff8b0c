namespace Sriov.Cni.Results;

/// <summary><c>interfaces[]</c>: <c>mtu</c> is printed from 1.0.0 on (as libcni does), <c>socketPath</c> and <c>pciID</c> for 1.1.0.</summary>
internal sealed record ResultInterface
{
    public required string Name { get; init; }

    public string? Mac { get; init; }

    public int? Mtu { get; init; }

    /// <summary>The netns path for an interface inside a container; null for a host-side one.</summary>
    public string? Sandbox { get; init; }

    public string? SocketPath { get; init; }

    public string? PciId { get; init; }
}
