using Tmds.Linux;

namespace Sriov.Sim.Kubelet;

/// <summary>
/// Unix-socket files, found with <c>lstat(2)</c> (.NET cannot tell a socket from a regular file): identity of a socket
/// (inode and change time, so a socket re-created at the same path counts as new, as the kubelet's plugin watcher
/// tells by timestamp), and the kubelet's cleaning of its device-plugins directory.
/// </summary>
internal static unsafe class SocketFiles
{
    /// <summary>(inode, ctime in ns) of a socket at <paramref name="path"/>, or null if none is there.</summary>
    public static (ulong Inode, long ChangeNs)? Identity(string path)
    {
        stat st;
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
        {
            if (LibC.lstat(p, &st) != 0 || (st.st_mode & LibC.S_IFMT) != LibC.S_IFSOCK)
            {
                return null;
            }
        }

        return ((ulong)st.st_ino, ((long)st.st_ctim.tv_sec * 1_000_000_000) + (long)st.st_ctim.tv_nsec);
    }

    /// <summary>Sockets under <paramref name="dir"/>, recursively, skipping names starting with '.', as the plugin
    /// watcher does.</summary>
    public static IEnumerable<string> FindSockets(string dir)
    {
        if (!Directory.Exists(dir))
        {
            yield break;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
        {
            if (Path.GetFileName(entry).StartsWith('.'))
            {
                continue;
            }

            if (Directory.Exists(entry))
            {
                foreach (var nested in FindSockets(entry))
                {
                    yield return nested;
                }
            }
            else if (Identity(entry) is not null)
            {
                yield return entry;
            }
        }
    }

    /// <summary>Deletes every non-directory entry of the device-plugins directory except the checkpoint, as the
    /// kubelet's device manager does when it starts.</summary>
    public static void CleanDevicePluginDir(string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
        {
            if (Path.GetFileName(entry) != Sriov.Kubelet.KubeletPaths.CheckpointFileName && !Directory.Exists(entry))
            {
                File.Delete(entry);
            }
        }
    }
}
