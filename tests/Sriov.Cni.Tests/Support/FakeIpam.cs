using System.Globalization;

namespace Sriov.Cni.Tests.Support;

/// <summary>
/// An IPAM plugin made for one test: a bash script in its own CNI_PATH directory that records every call
/// (<c>COMMAND containerID ifname</c>) and, on ADD, answers a fixed 1.0.0 result, fails with a CNI error, or blocks
/// (writing its PID first) until killed, as the test sets with <see cref="Mode"/>.
/// </summary>
internal sealed class FakeIpam : IDisposable
{
    public const string Type = "fake-ipam";

    private const string Script = """
        #!/bin/bash
        dir=$(dirname "$0")
        cat > /dev/null
        echo "$CNI_COMMAND $CNI_CONTAINERID $CNI_IFNAME" >> "$dir/calls.log"
        mode=$(cat "$dir/mode" 2>/dev/null)
        case "$CNI_COMMAND" in
          ADD)
            case "$mode" in
              fail) echo '{"cniVersion":"1.0.0","code":11,"msg":"pool exhausted"}'; exit 1;;
              block) echo $$ > "$dir/blocked.pid"; exec sleep 600;;
            esac
            echo '{"cniVersion":"1.0.0","ips":[{"address":"10.99.0.5/24","gateway":"10.99.0.1"}],"routes":[{"dst":"10.98.0.0/16"}],"dns":{"nameservers":["10.99.0.53"]}}';;
          VERSION) echo '{"cniVersion":"1.0.0","supportedVersions":["0.3.1","0.4.0","1.0.0","1.1.0"]}';;
          DEL) [ "$mode" = faildel ] && { echo '{"cniVersion":"1.0.0","code":11,"msg":"store busy"}'; exit 1; };;
        esac
        exit 0
        """;

    public FakeIpam()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("s5-ipam-").FullName;
        var path = System.IO.Path.Join(Directory, Type);
        File.WriteAllText(path, Script.Replace("\r", string.Empty, StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0x1ed); // 0755
    }

    public string Directory { get; }

    /// <summary>CNI_PATH: this directory, then Debian's plugins.</summary>
    public string Path => $"{Directory}:/usr/lib/cni";

    /// <summary>"ok" (default), "fail", "block" or "faildel".</summary>
    public string Mode
    {
        set => File.WriteAllText(System.IO.Path.Join(Directory, "mode"), value);
    }

    public IReadOnlyList<string> Calls =>
        File.Exists(System.IO.Path.Join(Directory, "calls.log")) ? File.ReadAllLines(System.IO.Path.Join(Directory, "calls.log")) : [];

    /// <summary>The PID of a blocked ADD, once it has started.</summary>
    public int? BlockedPid =>
        File.Exists(System.IO.Path.Join(Directory, "blocked.pid"))
        && int.TryParse(File.ReadAllText(System.IO.Path.Join(Directory, "blocked.pid")).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;

    public void Dispose()
    {
        if (BlockedPid is { } pid)
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
