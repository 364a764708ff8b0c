namespace Sriov.Sim.ApiServer.Http;

/// <summary>An HTTP request as the dispatcher sees it, whichever front end (Kestrel or in-memory) received it.</summary>
internal sealed record ApiRequest(
    string Method, string Path, IReadOnlyDictionary<string, string> Query, string? ContentType, string Body,
    string? UserAgent);
