namespace Sriov.Sim.Node.Description;

/// <summary>A node description that cannot be used; the message lists every field at fault with its value.</summary>
public sealed class NodeDescriptionException : Exception
{
    public NodeDescriptionException()
    {
    }

    public NodeDescriptionException(string message)
        : base(message)
    {
    }

    public NodeDescriptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
