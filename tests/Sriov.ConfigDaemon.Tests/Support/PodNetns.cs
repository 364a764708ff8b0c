using System.Diagnostics;

namespace Sriov.ConfigDaemon.Tests.Support;

/// <summary>A real named network namespace standing in for a pod's (unique per-run name), deleted on dispose.</summary>
internal sealed class PodNetns : IDisposable
{
    public PodNetns()
    {
        Name = $"sriovcd-{Environment.ProcessId & 0xfff:x3}-{Guid.NewGuid().ToString("N")[..6]}";
        Ip("netns", "add", Name);
    }

    public string Name { get; }

    public string Path => "/run/netns/" + Name;

    public void Delete()
    {
        if (File.Exists(Path))
        {
            Ip("netns", "del", Name);
        }
    }

    public void Dispose() => Delete();

    private static void Ip(params string[] args)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)}: {err}");
        }
    }
}
