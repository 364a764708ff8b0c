namespace Sriov.Cni.Skel;

/// <summary>
/// A failure the runtime sees as a CNI error object (<c>{"cniVersion","code","msg","details"}</c> on stdout, exit
/// status 1). <see cref="Exception.Message"/> is the <c>msg</c>: what failed, on which object, and what to do.
/// </summary>
internal sealed class CniException : Exception
{
    public CniException(int code, string message, string? details = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Details = details;
    }

    public CniException()
        : this(CniErrorCode.Internal, "internal error")
    {
    }

    public CniException(string message)
        : this(CniErrorCode.Internal, message)
    {
    }

    public CniException(string message, Exception innerException)
        : this(CniErrorCode.Internal, message, null, innerException)
    {
    }

    public int Code { get; }

    public string? Details { get; }
}
