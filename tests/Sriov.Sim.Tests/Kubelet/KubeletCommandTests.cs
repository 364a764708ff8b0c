using System.Text.Json.Nodes;
using Sriov.Sim.Kubelet;
using Sriov.Sim.Tests.Support;
using Tmds.Linux;

namespace Sriov.Sim.Tests.Kubelet;

public class KubeletCommandTests
{
    private static readonly string SimBinary = Path.Combine(AppContext.BaseDirectory, "sriov-sim");

    [Fact]
    public async Task Process_serves_plugins_answers_commands_and_exits_on_sigterm()
    {
        var root = Directory.CreateTempSubdirectory("sriov-sim-kubelet-cmd-").FullName;
        using var process = ProcessRunner.Start(SimBinary, ["kubelet", "--dir", root]);
        var plugin = new TestDevicePlugin(KubeletHarness.Resource, RegistrationMode.KubeletSocket,
            KubeletEmulatorOptions.ForRoot(root), ["dev-a", "dev-b"]);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.Equal("ready", await process.StandardOutput.ReadLineAsync(cts.Token));
            await plugin.StartAsync();

            async Task<JsonNode> AskAsync(string command)
            {

                await process.StandardInput.WriteLineAsync(command);
                await process.StandardInput.FlushAsync();
                return JsonNode.Parse((await process.StandardOutput.ReadLineAsync(cts.Token))!)!;
            }

            JsonNode status;
            do
            {
                status = await AskAsync("status");
            }
            while ((int?)status["resources"]?[KubeletHarness.Resource]?["allocatable"] != 2 && !cts.IsCancellationRequested);

            var allocation = await AskAsync($"allocate default/p1 app {KubeletHarness.Resource} 1");
            Assert.Equal("dev-a", (string?)allocation["devices"]![0]);
            Assert.Equal("dev-a", (string?)allocation["response"]!["envs"]!["TEST_DEVICES"]);
            Assert.Contains("Requested: 5, Available: 1",
                (string?)(await AskAsync($"allocate default/p2 app {KubeletHarness.Resource} 5"))["error"], StringComparison.Ordinal);
            Assert.Contains("unknown command", (string?)(await AskAsync("frobnicate"))["error"], StringComparison.Ordinal);
            Assert.True((bool?)(await AskAsync("restart"))["restarted"]);
            Assert.Equal(1, (int?)(await AskAsync("release default/p1"))["released"]);

            Assert.Equal(0, LibC.kill(process.Id, LibC.SIGTERM));
            await process.WaitForExitAsync(cts.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await plugin.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Missing_dir_is_refused()
    {
        var (code, _, stderr) = await ProcessRunner.RunAsync(SimBinary, ["kubelet"]);
        Assert.Equal(2, code);
        Assert.Contains("--dir is required", stderr, StringComparison.Ordinal);
    }
}
