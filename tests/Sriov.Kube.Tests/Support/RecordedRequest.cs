namespace Sriov.Kube.Tests.Support;

/// <summary>A request the client sent, as the transport saw it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query)
{
    public bool IsWatch => Query.TryGetValue("watch", out var w) && w == "true";

    public string? ResourceVersion => Query.GetValueOrDefault("resourceVersion");

    public bool IsWatchOf(string plural) => IsWatch && Path.EndsWith("/" + plural, StringComparison.Ordinal);

    public bool IsListOf(string plural) =>
        Method == "GET" && !IsWatch && Path.EndsWith("/" + plural, StringComparison.Ordinal);
}
