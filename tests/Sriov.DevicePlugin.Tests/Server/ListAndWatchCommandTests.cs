using Sriov.DevicePlugin.Cli;
using Sriov.DevicePlugin.Tests.Support;
using Sriov.Sim.Kubelet;

namespace Sriov.DevicePlugin.Tests.Server;

public class ListAndWatchCommandTests
{
    [Fact]
    public async Task Prints_what_the_socket_tells_the_kubelet_as_json_lines()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 1);
        await using var h = await PluginHarness.CreateAsync(node, """{"resourceList":[{"resourceName":"net","excludeTopology":true,"selectors":{"pfNames":["ens1f1"]}},{"resourceName":"n0","selectors":{"pfNames":["ens1f0"]}}]}""",
            RegistrationMode.PluginWatcher);
        await h.StartPluginAsync();
        await h.Kubelet.WaitForResourceAsync("intel.com/n0", r => r.Allocatable == 1);

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ListAndWatchCommand.RunAsync(["--socket", Path.Join(h.Options.PluginsRegistryDir, "intel.com_n0.sock"), "--updates=1", "--timeout", "10"], stdout, stderr);
        Assert.Equal(0, exit);
        Assert.Equal("""{"devices":[{"id":"0000:3b:01.0","health":"Healthy","numaNodes":[0]}]}""", stdout.ToString().Trim());

        using var out2 = new StringWriter();
        Assert.Equal(0, await ListAndWatchCommand.RunAsync(["-socket", Path.Join(h.Options.PluginsRegistryDir, "intel.com_net.sock"), "-updates", "1"], out2, stderr));
        Assert.Equal("""{"devices":[{"id":"0000:3b:11.0","health":"Healthy","numaNodes":[]}]}""", out2.ToString().Trim());
    }

    [Fact]
    public async Task A_missing_socket_is_an_error_and_the_socket_flag_is_required()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(1, await ListAndWatchCommand.RunAsync(["--socket", "/nonexistent/x.sock", "--timeout", "5"], stdout, stderr));
        Assert.Contains("list-and-watch on /nonexistent/x.sock failed", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await ListAndWatchCommand.RunAsync([], stdout, stderr));
    }
}
