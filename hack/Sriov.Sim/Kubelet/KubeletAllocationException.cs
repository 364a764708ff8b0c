namespace Sriov.Sim.Kubelet;

/// <summary>The kubelet could not allocate: unknown or disconnected resource, too few healthy free devices, or the
/// plugin failed or answered wrongly (the pod would fail admission with UnexpectedAdmissionError).</summary>
public sealed class KubeletAllocationException : Exception
{
    public KubeletAllocationException()
    {
    }

    public KubeletAllocationException(string message)
        : base(message)
    {
    }

    public KubeletAllocationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
