using System.Diagnostics;
using Sriov.Cni.Tests.Support;

namespace Sriov.Cni.Tests.RealClient;

/// <summary>
/// podman from Debian (CNI backend, runc; spec real-clients.md §2.2) runs a container on a conflist whose plugin is our
/// published <c>sriov</c>, with a simulated VF: the container sees the VF as eth0 with its address, and after the
/// container exits the VF is back on the host under its original name. podman's configuration lives in a temporary
/// directory (containers.conf, storage.conf, net.d); nothing under /etc is touched.
/// </summary>
[Collection("Netns")]
[Trait("Category", "RealClient")]
public sealed class PodmanTests : IDisposable
{
    private readonly SimCni _sim = new(vfs: 1);
    private readonly string _dir = Directory.CreateTempSubdirectory("s5-podman-").FullName;

    [Fact]
    public async Task A_podman_container_gets_the_vf_with_its_address_and_gives_it_back()
    {
        var binary = await CniBinary.PathAsync();
        var network = "sriovsim" + _sim.Node.Token;
        var before = _sim.HostLink(0)!;
        var env = Prepare(binary, network);

        var run = Podman(env, "run", "--rm", "--network", network, "--rootfs", Path.Join(_dir, "rootfs"), "/bin/sh", "-c", "ip addr show eth0; ip route");
        Assert.True(run.Exit == 0, $"podman run exited {run.Exit}:\n{run.Out}\n{run.Err}");
        Assert.Contains($"link/ether {before.Mac}", run.Out, StringComparison.Ordinal);
        Assert.Contains("inet 10.79.0.5/24", run.Out, StringComparison.Ordinal);
        Assert.Contains("10.80.0.0/16 via 10.79.0.1 dev eth0", run.Out, StringComparison.Ordinal);

        var after = _sim.HostLink(0);
        Assert.NotNull(after);
        Assert.Equal((before.Name, before.Mac, before.Mtu), (after.Name, after.Mac, after.Mtu));
        Assert.False(_sim.HasRecord(0));
        Assert.Empty(_sim.Journals.List());
    }

    public void Dispose()
    {
        _sim.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A busybox rootfs, podman's config files, the conflist, and a plugin directory whose <c>sriov</c> points the binary at the simulated node.</summary>
    private Dictionary<string, string> Prepare(string binary, string network)
    {
        var bin = Path.Join(_dir, "rootfs", "bin");
        Directory.CreateDirectory(bin);
        File.Copy("/bin/busybox", Path.Join(bin, "busybox"));
        foreach (var applet in new[] { "sh", "ip", "cat", "sleep" })
        {
            File.CreateSymbolicLink(Path.Join(bin, applet), "busybox");
        }

        var plugins = Path.Join(_dir, "plugins");
        Directory.CreateDirectory(plugins);
        var wrapper = Path.Join(plugins, "sriov");
        File.WriteAllText(wrapper, $"#!/bin/sh\nSRIOV_HOST_ROOT='{_sim.Root.Path}' exec '{binary}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, (UnixFileMode)0x1ed);

        var netd = Path.Join(_dir, "net.d");
        Directory.CreateDirectory(netd);
        var ipam = """{"type":"static","addresses":[{"address":"10.79.0.5/24","gateway":"10.79.0.1"}],"routes":[{"dst":"10.80.0.0/16","gw":"10.79.0.1"}]}""";
        File.WriteAllText(
            Path.Join(netd, "50-sriovsim.conflist"),
            $$"""{"cniVersion":"1.0.0","name":"{{network}}","plugins":[{"type":"sriov","deviceID":"{{_sim.Vfs[0]}}","ipam":{{ipam}}}""" + "]}");
        File.WriteAllText(Path.Join(_dir, "containers.conf"), $$"""
            [network]
            network_backend = "cni"
            network_config_dir = "{{netd}}"
            cni_plugin_dirs = ["{{plugins}}", "/usr/lib/cni"]
            [containers]
            default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
            [engine]
            runtime = "runc"
            cgroup_manager = "cgroupfs"
            events_logger = "file"
            events_logfile_path = "{{_dir}}/events.log"
            tmp_dir = "{{_dir}}/tmp"
            """);
        File.WriteAllText(Path.Join(_dir, "storage.conf"), $$"""
            [storage]
            driver = "vfs"
            graphroot = "{{_dir}}/root"
            runroot = "{{_dir}}/run"
            """);
        return new()
        {
            ["CONTAINERS_CONF"] = Path.Join(_dir, "containers.conf"),
            ["CONTAINERS_STORAGE_CONF"] = Path.Join(_dir, "storage.conf"),
        };
    }

    private static (int Exit, string Out, string Err) Podman(Dictionary<string, string> env, params string[] args)
    {
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("podman did not finish within 120 s");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
