using Sriov.Sim.Tests.ApiServer.Client;
using Sriov.Sim.Tests.Support;
using Tmds.Linux;

namespace Sriov.Sim.Tests.ApiServer.Kubectl;

[Trait("Category", "RealClient")]
public class ApiServerCommandTests
{
    private static readonly string SimBinary = Path.Combine(AppContext.BaseDirectory, "sriov-sim");

    [Fact]
    public async Task Process_prints_ready_serves_kubectl_and_exits_cleanly_on_sigterm()
    {
        var dir = Directory.CreateTempSubdirectory("sriov-sim-apiserver-cmd-").FullName;
        var kubeconfig = Path.Combine(dir, "kubeconfig");
        using var process = ProcessRunner.Start(SimBinary,
            ["apiserver", "--port", "0", "--kubeconfig", kubeconfig, "--crds", Harness.TestData("policy-crd.yaml")]);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.Equal("ready", await process.StandardOutput.ReadLineAsync(cts.Token));
            using (var kubectl = new Kubectl(kubeconfig))
            {
                await kubectl.OkAsync("apply", "-f", Harness.TestData("policy-sample.yaml"));
                Assert.Contains("policy-1", await kubectl.OkAsync("get", "sriovnetworknodepolicies"), StringComparison.Ordinal);
            }

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

            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "apiserver" }, "--port is required")]
    [InlineData(new[] { "apiserver", "--port", "x" }, "sriov-sim apiserver:")]
    [InlineData(new[] { "apiserver", "--port", "0", "--crds", "/nonexistent/crds" }, "/nonexistent/crds")]
    [InlineData(new[] { "apiserver", "--bogus" }, "unknown argument \"--bogus\"")]
    public async Task Bad_arguments_fail_with_a_message(string[] args, string message)
    {
        var (code, stdout, stderr) = await ProcessRunner.RunAsync(SimBinary, args);
        Assert.NotEqual(0, code);
        Assert.DoesNotContain("ready", stdout, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }
}
