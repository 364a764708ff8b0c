namespace Sriov.Operator.Networks;

/// <summary>A network CR cannot be rendered to a CNI config; the message names the field and what to change.</summary>
public sealed class NetworkConfigException : Exception
{
    public NetworkConfigException()
    {
    }

    public NetworkConfigException(string message)
        : base(message)
    {
    }

    public NetworkConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
