namespace Sriov.Cni.Delegation;

/// <summary>
/// A delegate failed: it exited non-zero (with its CNI error object, when it printed one), could not be found in
/// CNI_PATH, or could not be started. <see cref="Code"/> is the delegate's error code (0 when it gave none).
/// </summary>
internal sealed class DelegateException : Exception
{
    public DelegateException(string message, int code = 0, string? details = null)
        : base(message)
    {
        Code = code;
        Details = details;
    }

    public DelegateException()
    {
    }

    public DelegateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Code { get; }

    public string? Details { get; }
}
