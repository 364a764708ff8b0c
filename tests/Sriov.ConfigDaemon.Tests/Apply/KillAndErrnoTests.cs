using System.Text.Json;
using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.Records;
using Sriov.ConfigDaemon.Tests.Support;
using Sriov.Host.Ownership;
using Sriov.Host.Sysfs;
using Sriov.Sim.Node;
using Sriov.Sim.Node.Profiles;
using static Sriov.ConfigDaemon.Tests.Planning.Snap;

namespace Sriov.ConfigDaemon.Tests.Apply;

/// <summary>
/// The published daemon as a separate process on a simulated node with real veth netdevs (so MTUs go through real
/// rtnetlink), killed from outside at every step, or given an errno from outside, then run again: it must converge,
/// with no operation the kernel would refuse.
/// </summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class KillAndErrnoTests
{
    private const int Killed = 137; // 128 + SIGKILL, as the shell reports it; .NET reports the signal this way too

    // VF 0 moves to vfio-pci (override, unbind, bind, override back), VF 1 stays on iavf with MTU 9000.
    private static readonly SriovNetworkNodeStateSpec Target = Spec(Iface(
        numVfs: 2, mtu: 9000, groups: [Group("0-0", "vfio-pci", resource: "dpdk"), Group("1-1", mtu: 9000)]));

    [Fact]
    public async Task Killed_after_each_sysfs_write_the_next_run_converges()
    {
        int writes;
        using (var reference = Veth())
        {
            Assert.Equal(0, (await Apply(reference)).Code);
            await reference.WaitIdleAsync();
            writes = reference.ClientWrites;
        }

        Assert.True(writes >= 5, $"a clean run made {writes} sysfs writes");
        for (var n = 1; n <= writes; n++)
        {
            using var node = Veth();
            var killed = await Apply(node, pid => node.KillWriterAt(pid, n));
            Assert.True(killed.Code == Killed, $"write {n}: exit {killed.Code}: {killed.Err}");
            await node.WaitIdleAsync();
            Assert.True(ReconfiguringMarker.IsSet(node.Root, Pf0), $"write {n}: the PF was not fenced while half-done");

            await AssertConvergesAsync(node, $"killed at write {n}");
        }
    }

    [Theory]
    [InlineData("marker set", "var/run/sriov/reconfiguring/0000:3b:00.0", false)]
    [InlineData("record written", "etc/sriov-operator/pci/0000:3b:00.0", false)]
    [InlineData("marker removed", "var/run/sriov/reconfiguring/0000:3b:00.0", true)]
    public async Task Killed_at_a_file_step_the_next_run_converges(string step, string path, bool onDelete)
    {
        using var node = Veth();
        using var killer = new FileStepKiller(node.Root.Resolve(path), onDelete);

        var killed = await Apply(node, killer.Arm);

        Assert.True(killer.Fired && killed.Code == Killed, $"{step}: exit {killed.Code}: {killed.Err}");
        await AssertConvergesAsync(node, $"killed at {step}");
    }

    [Fact]
    public async Task An_errno_from_the_kernel_fails_the_run_naming_the_step_and_the_next_run_converges()
    {
        using var node = Veth();
        var numvfs = Path.Join(new DirectoryInfo(node.Root.Resolve("sys/bus/pci/devices/" + Pf0)).ResolveLinkTarget(true)!.FullName, "sriov_numvfs");

        var failed = await Apply(node, strace: ["-P", numvfs, "-e", "trace=write", "-e", "inject=write:error=ENOMEM:when=1"]);

        Assert.Equal(1, failed.Code);
        Assert.Matches(@"step \d+/\d+ setNumVfs PF 0000:3b:00\.0 \(\w+ens1f0\) 0 → 2 failed", failed.Err);
        Assert.Contains("writing '2' to sriov_numvfs failed with Cannot allocate memory (ENOMEM)", failed.Err);
        await node.WaitIdleAsync();
        Assert.Empty(node.Rejections);
        await AssertConvergesAsync(node, "after ENOMEM");
    }

    private static SimNode Veth()
    {
        var description = NodeProfiles.Get("intel-e810");
        return SimNode.Create(description, new SimNodeOptions { Netdevs = NetdevMode.Veth, NetdevDelay = TimeSpan.FromMilliseconds(10) });
    }

    private static async Task<(int Code, string Out, string Err)> Apply(SimNode node, Action<int>? started = null, IEnumerable<string>? strace = null)
    {
        var file = Daemon.StateFile(Target);
        try
        {
            return await DaemonProcess.RunAsync(["apply", "--node-state", file, "--host-root", node.Root.Path], started, strace);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task AssertConvergesAsync(SimNode node, string when)
    {
        var again = await Apply(node);
        Assert.True(again.Code == 0, $"{when}: the next run failed: {again.Err}");
        await node.WaitIdleAsync();

        var vfs = new PciDiscovery(node.Root).DiscoverVfs(PciAddress.Parse(Pf0))!;
        Assert.Equal(["vfio-pci", "iavf"], vfs.Select(v => v.Driver));
        Assert.All(vfs, v => Assert.Null(v.DriverOverride));
        Assert.Equal(9000, vfs[1].Netdevs.Single().Mtu);
        Assert.Equal(9000, new PciDiscovery(node.Root).Discover(PciAddress.Parse(Pf0))!.Netdevs.Single().Mtu);
        Assert.Empty(ReconfiguringMarker.List(node.Root));
        Assert.Equal(2, PfRecordStore.ReadAll(node.Root.OperatorState)[Pf0].Applied.NumVfs);
        Assert.Empty(node.Rejections);

        var file = Daemon.StateFile(Target);
        try
        {
            var before = node.ClientWrites;
            var plan = await DaemonProcess.RunAsync(["plan", "--node-state", file, "--host-root", node.Root.Path]);
            using var json = JsonDocument.Parse(plan.Out);
            Assert.True(json.RootElement.GetProperty("actions").GetArrayLength() == 0, $"{when}: still to do: {plan.Out}");
            Assert.Equal(before, node.ClientWrites);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
