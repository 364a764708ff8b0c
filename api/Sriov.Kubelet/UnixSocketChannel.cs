using System.Net.Sockets;
using Grpc.Net.Client;

namespace Sriov.Kubelet;

/// <summary>
/// A gRPC channel to a unix socket, as the kubelet and device plugins use: plain-text HTTP/2 with prior knowledge
/// (there is no TLS, so no ALPN could negotiate h2). Each connection dials the socket path afresh, so a server that
/// re-created its socket (a restarted kubelet) is reached on the next call.
/// </summary>
public static class UnixSocketChannel
{
    /// <summary>The authority used in requests; the kubelet ignores it, gRPC needs one.</summary>
    private static readonly Uri Address = new("http://localhost");

    /// <summary>Creates a channel whose every connection dials <paramref name="socketPath"/>.</summary>
    public static GrpcChannel Create(string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, ct) => ConnectAsync(socketPath, ct),
            // Long-lived streams (ListAndWatch) must outlive idle timeouts; keep-alive pings find a dead peer.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        return GrpcChannel.ForAddress(Address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    private static async ValueTask<Stream> ConnectAsync(string socketPath, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
