using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Sriov.Kube.Client;

/// <summary>
/// The API server refused a request, or a watch stream carried an ERROR event. <see cref="Code"/> and
/// <see cref="Reason"/> are those of the returned <c>Status</c> (<c>409 Conflict</c>, <c>410 Expired</c>, ...), and the
/// message names the verb, the kind and the object.
/// </summary>
public sealed class KubeApiException : Exception
{
    public KubeApiException()
    {
    }

    public KubeApiException(string message)
        : base(message)
    {
    }

    public KubeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KubeApiException(int code, string? reason, string message, V1Status? status = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Reason = reason;
        Status = status;
    }

    /// <summary>The HTTP status code (from the Status object when there is one).</summary>
    public int Code { get; }

    /// <summary>The Status reason (<c>NotFound</c>, <c>Conflict</c>, <c>AlreadyExists</c>, <c>Expired</c>, ...).</summary>
    public string? Reason { get; }

    public V1Status? Status { get; }

    public bool IsNotFound => Code == (int)HttpStatusCode.NotFound;

    public bool IsAlreadyExists => Code == (int)HttpStatusCode.Conflict && Reason == "AlreadyExists";

    /// <summary>An update carried a stale <c>metadata.resourceVersion</c>: re-read and retry.</summary>
    public bool IsConflict => Code == (int)HttpStatusCode.Conflict && !IsAlreadyExists;

    /// <summary>The resourceVersion asked for is older than the server's history (410 Gone, reason <c>Expired</c> or
    /// <c>Gone</c>): a watcher must re-list.</summary>
    public bool IsGone => Code == (int)HttpStatusCode.Gone;

    internal static KubeApiException From(HttpOperationException e, string what)
    {
        var code = (int)e.Response.StatusCode;
        var status = TryParseStatus(e.Response.Content);
        return Create(code, status, what, e);
    }

    internal static KubeApiException From(KubernetesException e, string what) =>
        Create(e.Status?.Code ?? 500, e.Status, what, e);

    private static KubeApiException Create(int code, V1Status? status, string what, Exception inner)
    {
        var reason = status?.Reason;
        var detail = status?.Message is { Length: > 0 } m ? m : inner.Message;
        return new KubeApiException(status?.Code ?? code, reason, $"{what}: {code} {reason}: {detail}", status, inner);
    }

    private static V1Status? TryParseStatus(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return null;
        }

        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(content);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
