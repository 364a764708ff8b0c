using System.Diagnostics;
using Sriov.Sim.ApiServer;
using Sriov.Sim.Tests.Support;

namespace Sriov.Sim.Tests.ApiServer.Kubectl;

/// <summary>The real kubectl (/usr/bin/kubectl) pointed at an emulator through the kubeconfig it wrote, with a
/// private discovery cache so runs never see each other's cached discovery.</summary>
public sealed class Kubectl : IDisposable
{
    private readonly string _cacheDir = Directory.CreateTempSubdirectory("sriov-sim-kubectl-cache-").FullName;
    private readonly string _kubeconfig;

    public Kubectl(ApiServerEmulator emulator) => _kubeconfig = emulator.KubeconfigPath;

    public Kubectl(string kubeconfig) => _kubeconfig = kubeconfig;

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        await ProcessRunner.RunAsync("kubectl", Args(args));

    /// <summary>Runs with <paramref name="stdin"/> as standard input (e.g. <c>apply -f -</c>).</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunWithInputAsync(string stdin, params string[] args) =>
        await ProcessRunner.RunAsync("kubectl", Args(args), stdin);

    /// <summary>Runs and requires success, returning stdout.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        Assert.True(code == 0, $"kubectl {string.Join(' ', args)} failed ({code}): {stderr}");
        return stdout;
    }

    public Process Start(params string[] args) => ProcessRunner.Start("kubectl", Args(args));

    public void Dispose() => Directory.Delete(_cacheDir, recursive: true);

    private IEnumerable<string> Args(string[] args) =>
        ["--kubeconfig", _kubeconfig, "--cache-dir", _cacheDir, "--request-timeout", "30s", .. args];
}
