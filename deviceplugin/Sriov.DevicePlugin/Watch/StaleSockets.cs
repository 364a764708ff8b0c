using System.Net.Sockets;

namespace Sriov.DevicePlugin.Watch;

/// <summary>
/// Removes pool sockets an earlier run left in the kubelet's <c>plugins_registry</c> for pools no longer configured
/// (a crash or SIGKILL skips the cleanup at shutdown). The kubelet's plugin watcher registers every socket file it
/// finds there and keeps failing on a dead one. Only names of our form <c>&lt;prefix&gt;_&lt;resourceName&gt;.sock</c>
/// (a prefix is a domain: it has a dot and no underscore) that nobody listens on are removed: <c>connect(2)</c> answers
/// ECONNREFUSED for a socket file without a listener, so another plugin's live socket is left alone.
/// </summary>
internal static class StaleSockets
{
    public static IReadOnlyList<string> Remove(string directory, IReadOnlySet<string> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var removed = new List<string>();
        if (!Directory.Exists(directory))
        {
            return removed;
        }

        foreach (var path in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(path);
            if (IsPoolSocketName(name) && !configured.Contains(name) && !Listening(path))
            {
                try
                {
                    File.Delete(path);
                    removed.Add(name);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Gone already, or not ours to remove: the kubelet keeps failing on it as before; serving goes on.
                }
            }
        }

        return removed;
    }

    /// <summary><c>&lt;prefix&gt;_&lt;resourceName&gt;.sock</c> as <see cref="Config.PoolSpec.SocketName"/> builds it.</summary>
    internal static bool IsPoolSocketName(string name)
    {
        if (!name.EndsWith(".sock", StringComparison.Ordinal))
        {
            return false;
        }

        var split = name.IndexOf('_', StringComparison.Ordinal);
        return split > 0 && name.AsSpan(0, split).Contains('.') && name.Length - ".sock".Length > split + 1;
    }

    private static bool Listening(string path)
    {
        // Non-blocking: a live listener with a full backlog answers EAGAIN instead of keeping the start waiting.
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
        catch (SocketException)
        {
            // Anything else (EAGAIN on a full backlog, EACCES) may be a live socket: keep it.
            return true;
        }
    }
}
