using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Sriov.Host.Netlink;
using Tmds.Linux;

namespace Sriov.Cni.Delegation;

/// <summary>
/// Execs a delegate as the CNI spec describes: the binary named by <c>type</c> in the first CNI_PATH directory that has
/// it, our environment with the CNI_* variables of the request, the complete config on stdin, its stdout read back, its
/// stderr passed through to ours. <c>posix_spawn</c> (a vfork-style clone in glibc) with two pipes, rather than
/// System.Diagnostics.Process, whose SIGCHLD machinery, reader threads and time-zone lookup cost the one-shot plugin
/// milliseconds and memory. Called only from the main thread, which never enters another namespace, so the child
/// starts in the host's network namespace (a child inherits its creating thread's namespaces; a call from a NetnsRunner
/// thread is refused by NetnsRunner.ThrowIfInForeignNetns). The child gets an empty
/// signal mask and SIGPIPE back to its default.
/// </summary>
internal sealed unsafe class SpawnDelegateRunner : IDelegateRunner
{
    /// <summary>Spawns the delegate and hands it its stdin (configs fit in a pipe's buffer, so this does not block).</summary>
    public IRunningDelegate Start(DelegateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var binary = Find(request.Type, request.Path);
        Sriov.Host.Namespaces.NetnsRunner.ThrowIfInForeignNetns($"the {request.Type} delegate");

        // A delegate that exits without reading stdin must give us EPIPE, not SIGPIPE (the child gets the default back).
        _ = SpawnNative.Signal(SpawnNative.Sigpipe, SpawnNative.SigIgn);
        var stdin = stackalloc int[2];
        var stdout = stackalloc int[2];
        if (LibC.pipe2(stdin, LibC.O_CLOEXEC) != 0)
        {
            throw new DelegateException($"start {request.Type}: pipe: {Errno.Describe(LibC.errno)}");
        }

        if (LibC.pipe2(stdout, LibC.O_CLOEXEC) != 0)
        {
            var errno = LibC.errno;
            Close(stdin[0], stdin[1]);
            throw new DelegateException($"start {request.Type}: pipe: {Errno.Describe(errno)}");
        }

        int pid;
        try
        {
            pid = Spawn(binary, Environment(request), stdin[0], stdout[1]);
        }
        catch
        {
            Close(stdin[1], stdout[0]);
            throw;
        }
        finally
        {
            Close(stdin[0], stdout[1]);
        }

        WriteAll(stdin[1], request.Stdin);
        Close(stdin[1]);
        return new Running(request, pid, stdout[0]);
    }

    /// <summary>The first CNI_PATH entry holding <paramref name="type"/>; types never contain a '/'.</summary>
    public static string Find(string type, IReadOnlyList<string> path)
    {
        if (string.IsNullOrEmpty(type) || type.Contains('/', StringComparison.Ordinal) || type is "." or "..")
        {
            throw new DelegateException($"plugin type \"{type}\" is not a plugin name");
        }

        foreach (var dir in path)
        {
            var candidate = Path.Join(dir, type);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DelegateException($"failed to find plugin \"{type}\" in path [{string.Join(" ", path)}]");
    }

    private static List<string> Environment(DelegateRequest request)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CNI_COMMAND"] = request.Command,
            ["CNI_CONTAINERID"] = request.ContainerId,
            ["CNI_NETNS"] = request.Netns,
            ["CNI_IFNAME"] = request.IfName,
            ["CNI_ARGS"] = request.Args,
            ["CNI_PATH"] = string.Join(':', request.Path),
        };
        var env = new List<string>();
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            if (!overrides.ContainsKey(key))
            {
                env.Add(key + "=" + (string?)entry.Value);
            }
        }

        env.AddRange(overrides.Select(o => o.Key + "=" + o.Value));
        return env;
    }

    private static int Spawn(string binary, List<string> env, int childStdin, int childStdout)
    {
        var strings = new List<nint>(env.Count + 2);
        var actions = stackalloc byte[SpawnNative.FileActionsSize];
        var attr = stackalloc byte[SpawnNative.AttrSize];
        var signals = stackalloc byte[128]; // sigset_t is 128 bytes in glibc
        try
        {
            var path = Native(binary, strings);
            var argv = stackalloc byte*[2];
            argv[0] = path;
            argv[1] = null;
            var envp = (byte**)NativeMemory.Alloc((nuint)(env.Count + 1), (nuint)sizeof(byte*));
            strings.Add((nint)envp);
            for (var i = 0; i < env.Count; i++)
            {
                envp[i] = Native(env[i], strings);
            }

            envp[env.Count] = null;
            _ = SpawnNative.FileActionsInit(actions);
            _ = SpawnNative.AttrInit(attr);
            try
            {
                _ = SpawnNative.FileActionsAddDup2(actions, childStdin, 0);
                _ = SpawnNative.FileActionsAddDup2(actions, childStdout, 1);
                new Span<byte>(signals, 128).Clear();
                _ = SpawnNative.AttrSetSigMask(attr, signals);

                // exec resets caught signals by itself; only an ignored one survives it: SIGPIPE, ignored above.
                // (Resetting all 64 costs the suspended parent 64 sigaction calls in the child.)
                signals[(SpawnNative.Sigpipe - 1) / 8] = (byte)(1 << ((SpawnNative.Sigpipe - 1) % 8));
                _ = SpawnNative.AttrSetSigDefault(attr, signals);
                _ = SpawnNative.AttrSetFlags(attr, SpawnNative.PosixSpawnSetSigdef | SpawnNative.PosixSpawnSetSigmask);
                int pid;
                var error = SpawnNative.Spawn(&pid, path, actions, attr, argv, envp);
                return error == 0 ? pid : throw new DelegateException($"start {binary}: {Errno.Describe(error)}");
            }
            finally
            {
                _ = SpawnNative.FileActionsDestroy(actions);
                _ = SpawnNative.AttrDestroy(attr);
            }
        }
        finally
        {
            foreach (var p in strings)
            {
                NativeMemory.Free((void*)p);
            }
        }
    }

    private static byte* Native(string text, List<nint> owned)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var p = (byte*)NativeMemory.Alloc((nuint)length + 1);
        owned.Add((nint)p);
        Encoding.UTF8.GetBytes(text, new Span<byte>(p, length));
        p[length] = 0;
        return p;
    }

    private static void WriteAll(int fd, byte[] data)
    {
        fixed (byte* p = data)
        {
            for (var done = 0; done < data.Length;)
            {
                var n = (int)LibC.write(fd, p + done, data.Length - done);
                if (n < 0)
                {
                    var errno = LibC.errno;
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    return; // EPIPE: the delegate exited without reading; its status and output tell why.
                }

                done += n;
            }
        }
    }

    private static byte[] ReadAll(int fd)
    {
        using var output = new MemoryStream();
        var buffer = stackalloc byte[4096];
        while (true)
        {
            var n = (int)LibC.read(fd, buffer, 4096);
            if (n > 0)
            {
                output.Write(new ReadOnlySpan<byte>(buffer, n));
            }
            else if (n == 0 || LibC.errno != Errno.EINTR)
            {
                return output.ToArray();
            }
        }
    }

    /// <summary>The exit status (0-255), or minus the signal that killed the delegate.</summary>
    private static int Wait(int pid)
    {
        int status;
        while (SpawnNative.WaitPid(pid, &status, 0) < 0)
        {
            if (Marshal.GetLastPInvokeError() != Errno.EINTR)
            {
                return 255;
            }
        }

        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -(status & 0x7f);
    }

    private static void Close(params int[] fds)
    {
        foreach (var fd in fds)
        {
            if (fd >= 0)
            {
                _ = LibC.close(fd);
            }
        }
    }

    private static (int Code, string? Msg, string? Details) ParseError(byte[] output)
    {
        try
        {
            using var document = JsonDocument.Parse(output);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (0, null, null);
            }

            var code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
            var msg = root.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var details = root.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            return (code, msg, details);
        }
        catch (JsonException)
        {
            return (0, null, null);
        }
    }

    private sealed class Running(DelegateRequest request, int pid, int stdout) : IRunningDelegate
    {
        private int _stdout = stdout;
        private byte[]? _output;
        private int? _status;

        public byte[] Wait()
        {
            Reap();
            if (_status == 0)
            {
                return _output!;
            }

            var (code, msg, details) = ParseError(_output!);
            var how = _status > 0 ? $"exited with status {_status}" : $"was killed by signal {-_status}";
            throw new DelegateException(
                msg is null ? $"{request.Type} {request.Command} {how}" : $"{request.Type} {request.Command} failed: {msg}",
                code,
                details);
        }

        public void Dispose() => Reap();

        private void Reap()
        {
            if (_status is not null)
            {
                return;
            }

            _output = ReadAll(_stdout);
            Close(_stdout);
            _stdout = -1;
            _status = SpawnDelegateRunner.Wait(pid);
        }
    }
}
