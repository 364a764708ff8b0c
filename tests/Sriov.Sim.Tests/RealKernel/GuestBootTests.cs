using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel;

/// <summary>The guest itself: Debian's kernel boots, the shares work, and what a step writes comes back.</summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class GuestBootTests(SimRealKernelGuests guests) : IRealKernelScenarios
{
    private const string Scenario = "boot";

    public static IEnumerable<GuestScenario> Scenarios =>
    [
        new(Scenario,
        [
            new GuestStep("probe", """
                echo "kernel=$(uname -r)"
                echo "pf_if=$RK_PF_IF"
                echo "greeting=$GREETING"
                if touch /usr/rk-write-probe 2>/dev/null; then echo "host_root=writable"; else echo "host_root=read-only"; fi
                if touch /tmp/rk-write-probe; then echo "tmp=writable"; fi
                echo "from the guest" >"$RK_OUT/hello.txt"
                mkdir -p "$RK_OUT/sub" && uname -r >"$RK_OUT/sub/release"
                """) { Environment = new Dictionary<string, string> { ["GREETING"] = "it's \"quoted\" $HOME" } },
            new GuestStep("fails", "echo partial; echo oops >&2; exit 7"),
            new GuestStep("after-failure", "echo still=running"),
            new GuestStep("too-slow", "echo started; sleep 60; echo finished", TimeSpan.FromSeconds(3)),
        ]),
    ];

    [Fact]
    public async Task Guest_boots_the_kernel_setup_unpacked_and_powers_off()
    {
        var run = await guests.RunOfAsync(Scenario);
        var unpacked = File.ReadAllText(Path.Combine(guests.Guest.Paths.WorkDirectory, "kernel", "release")).Trim();

        Assert.True(run.Completed, run.Diagnostics());
        Assert.Equal(unpacked, run.Boot.Kernel);
        Assert.Equal(unpacked, run.Step($"{Scenario}/probe").Value("kernel"));
        Assert.Equal("0000:01:00.0", run.Boot.PfPci);
        Assert.False(run.Boot.Iommu);
        Assert.Contains("igb", run.Boot.Modules);
        Assert.True(run.Boot.Init < run.Boot.Carrier && run.Boot.Carrier < run.Boot.End, run.Summary());
    }

    [Fact]
    public async Task Steps_see_the_host_root_read_only_and_a_writable_tmp()
    {
        var probe = await guests.StepAsync(Scenario, "probe");

        Assert.Equal(0, probe.ExitCode);
        Assert.Equal("read-only", probe.Value("host_root"));
        Assert.Equal("writable", probe.Value("tmp"));
    }

    [Fact]
    public async Task Step_environment_arrives_verbatim()
    {
        var probe = await guests.StepAsync(Scenario, "probe");

        Assert.Equal("it's \"quoted\" $HOME", probe.Value("greeting"));
    }

    [Fact]
    public async Task Files_written_to_RK_OUT_come_back_by_relative_path()
    {
        var probe = await guests.StepAsync(Scenario, "probe");

        Assert.Equal("from the guest\n", probe.FileText("hello.txt"));
        Assert.Equal(probe.Value("kernel") + "\n", probe.FileText("sub/release"));
    }

    [Fact]
    public async Task A_failing_step_reports_its_exit_code_and_output_and_the_next_step_still_runs()
    {
        var failed = await guests.StepAsync(Scenario, "fails");
        var next = await guests.StepAsync(Scenario, "after-failure");

        Assert.Equal(7, failed.ExitCode);
        Assert.Equal("partial\n", failed.Stdout);
        Assert.Equal("oops\n", failed.Stderr);
        Assert.False(failed.TimedOut);
        Assert.Equal("running", next.Value("still"));
    }

    [Fact]
    public async Task A_step_over_its_timeout_is_killed_and_reported_as_timed_out()
    {
        var slow = await guests.StepAsync(Scenario, "too-slow");

        Assert.True(slow.TimedOut, slow.Describe());
        Assert.Equal("started\n", slow.Stdout);
        Assert.True(slow.Duration < TimeSpan.FromSeconds(15), slow.Describe());
    }
}
