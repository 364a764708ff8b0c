using Sriov.Host.Namespaces;
using Sriov.Sim.Node.Netdevs;
using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.Node;

/// <summary>
/// The simulator's child-process helpers refuse to start a child from a thread NetnsRunner switched into another
/// network namespace (the child would inherit it), and work from ordinary threads.
/// </summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class ChildProcessNetnsTests : IDisposable
{
    private readonly string _name = "sriovt-" + Guid.NewGuid().ToString("N")[..8];

    public ChildProcessNetnsTests() => IpCommand.Run(["netns", "add", _name]);

    public void Dispose() => IpCommand.TryRun(["netns", "del", _name]);

    [Fact]
    public async Task Ip_and_child_process_refuse_inside_a_netns_runner_action_and_run_outside()
    {
        using var ns = NetNs.Open("/run/netns/" + _name);

        var (ip, child) = NetnsRunner.Run(ns, () => (
            Record.Exception(() => IpCommand.TryRun(["link", "show"])),
            Record.Exception(() => ChildProcess.RunAsync("true", [], TimeSpan.FromSeconds(10), CancellationToken.None).GetAwaiter().GetResult())));

        Assert.Contains($"refusing to start ip link show from a thread inside network namespace /run/netns/{_name}", Assert.IsType<InvalidOperationException>(ip).Message, StringComparison.Ordinal);
        Assert.Contains("refusing to start true from a thread inside network namespace", Assert.IsType<InvalidOperationException>(child).Message, StringComparison.Ordinal);
        Assert.Equal(0, IpCommand.TryRun(["link", "show", "lo"]).Code);
        Assert.Equal(0, (await ChildProcess.RunAsync("true", [], TimeSpan.FromSeconds(10), CancellationToken.None)).ExitCode);
    }
}
