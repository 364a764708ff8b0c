using System.Collections.Concurrent;

namespace Sriov.ConfigDaemon.Tests.Cluster;

/// <summary>Records the method and path of every request a client sends, in front of the API emulator's handler.</summary>
internal sealed class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentQueue<(string Method, string Path)> _requests = new();

    public int Count(string method, string pathSuffix) => Count((m, path) => m == method && path.EndsWith(pathSuffix, StringComparison.Ordinal));

    public int Count(Func<string, string, bool> methodAndPath) => _requests.Count(r => methodAndPath(r.Method, r.Path));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue((request.Method.Method, request.RequestUri!.AbsolutePath));
        return base.SendAsync(request, cancellationToken);
    }
}
