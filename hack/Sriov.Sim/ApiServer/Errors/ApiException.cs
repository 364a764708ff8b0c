using System.Text.Json.Nodes;

namespace Sriov.Sim.ApiServer.Errors;

/// <summary>
/// A request the emulator refuses, carrying the <c>Status</c> object the API server would send: HTTP code, reason,
/// message and (for 422) the field causes.
/// </summary>
internal sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public ApiException()
        : this(500, "InternalError", "internal error")
    {
    }

    public ApiException(string message)
        : this(500, "InternalError", message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
    }

    public int Code { get; }

    public string Reason { get; }

    public JsonObject? Details { get; }

    /// <summary>A continue token for the Status' list metadata (a 410 on a stale continue offers a fresh one).</summary>
    public string? Continue { get; init; }

    /// <summary>The <c>Status</c> body (kind Status, apiVersion v1, status Failure).</summary>
    public JsonObject ToStatus()
    {
        var status = StatusObjects.Failure(Code, Reason, Message, Details?.DeepClone() as JsonObject);
        if (Continue is not null)
        {
            status["metadata"] = new JsonObject { ["continue"] = Continue };
        }

        return status;
    }
}
