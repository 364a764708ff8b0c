using System.Diagnostics;
using System.Globalization;
using Sriov.Api.Common;
using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.Tests.Support;
using Sriov.Host.Sysfs;
using static Sriov.ConfigDaemon.Tests.Planning.Snap;

namespace Sriov.ConfigDaemon.Tests.Cluster;

/// <summary>
/// The published daemon's <c>start</c> as a process against the API emulator over HTTP (kubeconfig), with
/// <c>NODE_NAME</c> and <c>NAMESPACE</c> from its environment as the DaemonSet sets them, and an errno injected from
/// outside with strace.
/// </summary>
public sealed class DaemonProcessTests
{
    [Fact]
    public async Task An_injected_errno_is_reported_as_Failed_and_a_restart_converges()
    {
        using var node = Nodes.Running("intel-e810");
        await using var h = await ClusterHarness.StartAsync(new SimHost(node), Spec(Iface(numVfs: 3)), overHttp: true);
        var numvfs = Path.Join(new DirectoryInfo(node.Root.Resolve("sys/bus/pci/devices/" + Pf0)).ResolveLinkTarget(true)!.FullName, "sriov_numvfs");
        var env = new Dictionary<string, string> { ["NODE_NAME"] = ClusterHarness.NodeName, ["NAMESPACE"] = ClusterHarness.Ns };
        var kubeconfig = h.Emulator.KubeconfigPath;
        string[] args = ["start", "--kubeconfig", kubeconfig, "--host-root", node.Root.Path, "--health-addr", "none", "--resync-seconds", "0.3"];
        var log = Path.Join(node.Root.Path, "daemon.log");

        SriovNetworkNodeState failed;
        using (var daemon = DaemonProcess.Start(args, env, log, strace: ["-P", numvfs, "-e", "trace=write", "-e", "inject=write:error=EIO:when=1"]))
        {
            try
            {
                failed = await h.WaitForStatusAsync(SyncStatuses.Failed);
            }
            finally
            {
                await StopAsync(daemon);
            }
        }

        Assert.Matches(@"^step 2/\d+ setNumVfs PF 0000:3b:00\.0 \(ens1f0\) 0 → 3 failed: .*writing '3' to sriov_numvfs failed with Input/output error \(EIO\)", failed.Status!.LastSyncError);
        Assert.Equal(2, failed.Status.Interfaces!.Count);

        var health = "127.0.0.1:" + FreePort().ToString(CultureInfo.InvariantCulture);
        using (var daemon = DaemonProcess.Start([.. args.Take(args.Length - 4), "--health-addr", health, "--resync-seconds", "0.3"], env, log))
        {
            // The first daemon may have got there already (strace fails only the first write of each thread): wait
            // until this one is ready, i.e. has reconciled once, before stopping it.
            await WaitReadyAsync(new Uri("http://" + health));
            var ok = await h.WaitForAsync(s => s.Status?.SyncStatus == SyncStatuses.Succeeded && s.Status.Interfaces![0].NumVfs == 3, "3 VFs");
            Assert.Equal("", ok.Status!.LastSyncError);
            Assert.Equal(0, await StopAsync(daemon));
        }

        Assert.Equal(3, new PciDiscovery(node.Root).Discover(PciAddress.Parse(Pf0))!.NumVfs);
        // Structured JSON log lines, one per event, with the template's fields.
        Assert.Contains("\"EventId\":2,\"LogLevel\":\"Information\",\"Category\":\"daemon\",\"Message\":\"watches synced; reconciling node state sriov-network-operator/worker-0\",\"State\":{\"Key\":\"sriov-network-operator/worker-0\"", await File.ReadAllTextAsync(log));
        Assert.Empty(node.Rejections);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitReadyAsync(Uri health)
    {
        using var http = new HttpClient { BaseAddress = health, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer under load.
            }

            Assert.True(DateTime.UtcNow < deadline, $"the daemon's /readyz on {health} did not answer 200 within 60 s");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM to the daemon and, under strace, to its traced child (strace alone would detach and leave it running).</summary>
    private static async Task<int> StopAsync(Process daemon)
    {
        foreach (var pid in Children(daemon.Id).Append(daemon.Id))
        {
            using var kill = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await daemon.WaitForExitAsync(timeout.Token);
        return daemon.ExitCode;
    }

    private static IEnumerable<int> Children(int pid)
    {
        var psi = new ProcessStartInfo("pgrep", ["-P", pid.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var pids = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToList();
        p.WaitForExit();
        return pids.SelectMany(c => Children(c).Append(c)).ToList();
    }
}
