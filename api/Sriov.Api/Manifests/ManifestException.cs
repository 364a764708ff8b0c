namespace Sriov.Api.Manifests;

/// <summary>A manifest that cannot be read: the message names the source, the document and what is wrong.</summary>
public sealed class ManifestException : Exception
{
    public ManifestException()
    {
    }

    public ManifestException(string message)
        : base(message)
    {
    }

    public ManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
