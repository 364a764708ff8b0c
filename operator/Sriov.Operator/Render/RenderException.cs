namespace Sriov.Operator.Render;

/// <summary>A node cannot be rendered; the message says which object is wrong and how to fix it.</summary>
internal sealed class RenderException : Exception
{
    public RenderException()
    {
    }

    public RenderException(string message)
        : base(message)
    {
    }

    public RenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
