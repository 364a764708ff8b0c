using Sriov.Sim.Host;
using Sriov.Sim.Node;
using Sriov.Sim.Node.Cli;
using Sriov.Sim.Tests.Support;
using Tmds.Linux;

namespace Sriov.Sim.Tests.Node;

/// <summary><c>sriov-sim node ...</c> and <c>sriov-sim host ...</c> as a user runs them.</summary>
public class CommandTests
{
    [Fact]
    public void Profiles_lists_every_profile_and_prints_one_as_yaml()
    {
        var (code, stdout, _) = Node("profiles");
        Assert.Equal(0, code);
        Assert.Equal(["intel-e810", "intel-x710", "mlx-cx6", "mlx-cx6-ib", "accel", "mixed", "igb"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]));
        (code, stdout, _) = Node("profiles", "igb");
        Assert.Equal(0, code);
        Assert.Contains("vfOffset: 128", stdout);
    }

    [Fact]
    public async Task Create_run_set_numvfs_inventory_check_destroy()
    {
        var root = Path.Join(Path.GetTempPath(), "sriov-sim-cli-" + Guid.NewGuid().ToString("N")[..8]);
        var (code, stdout, stderr) = Node("create", "--root", root, "--profile", "igb");
        Assert.True(code == 0, stderr);
        Assert.Contains($"created node igb in {root}", stdout);

        (code, _, stderr) = Node("create", "--root", root, "--profile", "igb");
        Assert.Equal(1, code);
        Assert.Contains("is not empty", stderr);

        using (var node = SimNode.Open(root))
        {
            (code, stdout, stderr) = await Host("set-numvfs", "--root", root, "--pf", "0000:01:00.0", "--count", "4", "--timeout", "20");
            Assert.True(code == 0, stderr);
            Assert.Equal("0000:01:00.0 has 4 VFs\n", stdout);
            (code, stdout, _) = await Host("set-numvfs", "--root", root, "--pf", "0000:01:00.0", "--count", "4");
            Assert.Equal("0000:01:00.0 has 4 VFs already; nothing written\n", stdout);
            (_, stdout, _) = await Host("wait-netdev", "--root", root, "--device", "0000:01:10.6");
            Assert.Equal("eth4\n", stdout);

            (code, stdout, _) = await Host("inventory", "--root", root);
            Assert.Equal(0, code);
            var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(["PF", "VF", "PCI", "ADDRESS", "ID", "DRIVER", "NETDEV", "NUMA"], rows[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(["eth0", "-", "0000:01:00.0", "8086:10c9", "igb", "eth0", "-1"], rows[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(["eth0", "3", "0000:01:10.6", "8086:10ca", "igbvf", "eth4", "-1"], rows[5].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(6, rows.Length);
            (_, stdout, _) = await Host("inventory", "--root", root, "--all");
            Assert.Contains("0000:00:02.0", stdout);

            (code, _, stderr) = await Host("bind", "--root", root, "--device", "0000:01:10.0", "--driver", "vfio-pci");
            Assert.Equal(1, code);
            Assert.Contains("needs an iommu_group", stderr);

            (code, stdout, _) = Node("check", "--root", root);
            Assert.Equal((0, "no rejected operations\n"), (code, stdout));

            File.WriteAllText(Path.Join(root, "sys/bus/pci/devices/0000:01:00.0/sriov_numvfs"), "2");
            await node.WaitIdleAsync();
        }

        (code, stdout, _) = Node("check", "--root", root);
        Assert.Equal(1, code);
        Assert.Contains("sriov_numvfs <- '2': EBUSY: 4 VFs exist", stdout);
        Assert.Contains("1 rejected operation(s)", stdout);

        (code, _, _) = Node("destroy", "--root", root);
        Assert.Equal(0, code);
        Assert.False(Directory.Exists(root));
    }

    /// <summary>
    /// <c>sriov-sim node run</c> as demo.sh and the benchmarks start it: a separate process that announces itself with
    /// its pid file, serves the tree (VFs appear when another process writes <c>sriov_numvfs</c>), and on SIGTERM
    /// removes the pid file and exits 0.
    /// </summary>
    [Fact]
    public async Task Node_run_serves_the_tree_as_a_process_until_sigterm()
    {
        var root = Path.Join(Path.GetTempPath(), "sriov-sim-run-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(0, Node("create", "--root", root, "--profile", "igb").Item1);
        var pidFile = Path.Join(root, ".sriov-sim", "emulator.pid");
        using var process = ProcessRunner.Start(Path.Combine(AppContext.BaseDirectory, "sriov-sim"), ["node", "run", "--root", root]);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.Contains("kernel emulator running on", await process.StandardOutput.ReadLineAsync(cts.Token), StringComparison.Ordinal);
            Assert.Equal($"{process.Id}", File.ReadAllText(pidFile).Trim());

            var (code, stdout, stderr) = await Host("set-numvfs", "--root", root, "--pf", "0000:01:00.0", "--count", "2", "--wait-netdevs", "--timeout", "20");
            Assert.True(code == 0, stderr);
            Assert.Contains("0000:01:00.0 has 2 VFs", stdout, StringComparison.Ordinal);
            Assert.True(Directory.Exists(Path.Join(root, "sys/bus/pci/devices/0000:01:10.2")));

            Assert.Equal(0, LibC.kill(process.Id, LibC.SIGTERM));
            await process.WaitForExitAsync(cts.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.False(File.Exists(pidFile));
            Assert.Contains("0 rejected operation(s)", await process.StandardError.ReadToEndAsync(cts.Token), StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            Node("destroy", "--root", root);
        }
    }

    [Theory]
    [InlineData("node", "", 2, "missing subcommand")]
    [InlineData("node", "frobnicate", 2, "unknown subcommand 'frobnicate'")]
    [InlineData("node", "create --root", 2, "--root needs a value")]
    [InlineData("node", "create --root /tmp/x --profile igb --colour red", 2, "unknown option --colour")]
    [InlineData("node", "create --root /tmp/x --profile nope", 1, "'nope' is neither a profile")]
    [InlineData("node", "create --root /tmp/x --profile igb --netdevs tap", 2, "--netdevs: 'tap' is not files or veth")]
    [InlineData("node", "check --root /nonexistent-sriov", 1, "is not a simulated node root")]
    [InlineData("host", "set-numvfs --root /tmp --pf 3b:00.0 --count 1", 2, "--pf: '3b:00.0' is not a PCI address")]
    [InlineData("host", "set-numvfs --root /tmp --pf 0000:3b:00.0 --count many", 2, "--count: 'many' is not an integer")]
    [InlineData("host", "inventory --root /nonexistent-sriov", 1, "cannot list PCI devices")]
    [InlineData("host", "set-numvfs --root /nonexistent-sriov --pf 0000:3b:00.0 --count 1", 1, "is not on this host")]
    public async Task Bad_command_lines_say_what_is_wrong(string group, string args, int exit, string message)
    {
        var argv = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (code, _, stderr) = group == "node" ? Node(argv) : await Host(argv);
        Assert.Equal(exit, code);
        Assert.Contains(message, stderr);
    }

    private static (int, string, string) Node(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = NodeCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static async Task<(int, string, string)> Host(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await HostCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
