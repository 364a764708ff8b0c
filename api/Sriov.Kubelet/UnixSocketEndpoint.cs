using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Sriov.Kubelet;

/// <summary>
/// Makes Kestrel serve gRPC on a unix socket the way the kubelet's peers expect.
/// </summary>
public static class UnixSocketEndpoint
{
    /// <summary>
    /// Listens on <paramref name="socketPath"/> with HTTP/2 only. HTTP/2-only is required: with the default
    /// HTTP/1.1+HTTP/2 and no TLS, Kestrel cannot tell an h2 client from an HTTP/1.1 one and gRPC clients fail with
    /// HTTP_1_1_REQUIRED. A stale socket file left by a killed process is removed first, as upstream plugins and the
    /// kubelet do before <c>listen(2)</c>; anything else at that path is an error.
    /// </summary>
    public static void Listen(KestrelServerOptions kestrel, string socketPath)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        RemoveStaleSocket(socketPath);
        var dir = Path.GetDirectoryName(socketPath);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        kestrel.ListenUnixSocket(socketPath, o => o.Protocols = HttpProtocols.Http2);
    }

    /// <summary>Deletes whatever non-directory entry is at <paramref name="socketPath"/> (as upstream's
    /// <c>os.Remove</c> before <c>listen</c>); throws if it is a directory, which would mean the path is wrong.</summary>
    public static void RemoveStaleSocket(string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        if (Directory.Exists(socketPath))
        {
            throw new IOException($"cannot listen on {socketPath}: it is a directory; pass the socket's file path");
        }

        // File.Delete succeeds when nothing is there, and removes sockets and dangling symlinks alike.
        File.Delete(socketPath);
    }
}
