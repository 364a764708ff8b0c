using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel.Harness;

public sealed class GuestShareTests : IDisposable
{
    private readonly string _run = Directory.CreateTempSubdirectory("rk-share-").FullName;

    public void Dispose() => Directory.Delete(_run, recursive: true);

    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("", "''")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$HOME `x` \"q\"", "'$HOME `x` \"q\"'")]
    public void Quote_gives_a_single_quoted_bash_word(string value, string quoted)
    {
        Assert.Equal(quoted, GuestShare.Quote(value));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("it's \"quoted\" $HOME `id` \\ end")]
    [InlineData("two\nlines")]
    [InlineData("")]
    public void Environment_values_reach_the_script_verbatim(string value)
    {
        var step = new GuestStep("s", "printf '%s' \"$V\"") { Environment = new Dictionary<string, string> { ["V"] = value } };

        Assert.Equal(value, HostBash.Run(GuestShare.Script(step, "/dev/null")));
    }

    [Fact]
    public void The_script_sources_the_step_library_first_and_ends_with_a_newline()
    {
        var script = GuestShare.Script(new GuestStep("s", "echo hi"), "/repo/hack/realkernel/steplib.bash");

        Assert.Equal("# guest step 's'\nsource '/repo/hack/realkernel/steplib.bash'\necho hi\n", script);
    }

    [Fact]
    public void Written_steps_are_numbered_in_order_with_their_whole_second_timeouts()
    {
        GuestShare.WriteSteps(_run, [new GuestStep("a", "true", TimeSpan.FromSeconds(2.5)), new GuestStep("b", "false")], "/lib");

        Assert.Equal("a\n", File.ReadAllText(Path.Combine(_run, "share/steps/001/name")));
        Assert.Equal("3\n", File.ReadAllText(Path.Combine(_run, "share/steps/001/timeout")));
        Assert.Equal("b\n", File.ReadAllText(Path.Combine(_run, "share/steps/002/name")));
        Assert.Equal("60\n", File.ReadAllText(Path.Combine(_run, "share/steps/002/timeout")));
    }

    [Fact]
    public void Two_steps_with_one_name_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => GuestShare.WriteSteps(_run, [new GuestStep("a", "true"), new GuestStep("a", "true")], "/lib"));

        Assert.Contains("'a'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_run_collects_results_files_boot_facts_and_costs()
    {
        var steps = new[] { new GuestStep("a", "true"), new GuestStep("b", "true") };
        GuestShare.WriteSteps(_run, steps, "/lib");
        Write("share/steps/001/exit", "3\n");
        Write("share/steps/001/stdout", "x=1\n");
        Write("share/steps/001/stderr", "bad\n");
        Write("share/steps/001/duration_ms", "1250\n");
        Write("share/steps/001/out/dir/f.txt", "content");
        Write("share/boot.txt", "kernel=6.1.0-50-amd64\npf_if=eth0\npf_pci=0000:01:00.0\niommu=1\nmodules=igb igbvf\ninit_ms=2600\ncarrier_ms=4700\n");
        Write("share/dmesg.txt", "[ 1.0] hello\n");
        Write("console.log", "rk: step 001: exit 3\n");
        Write("qemu.rusage", "272012 10.34\n");

        var run = GuestShare.ReadRun(_run, new GuestOptions(), steps, 1, "stopped early", TimeSpan.FromSeconds(9));

        var a = run.Steps[0];
        Assert.Equal(3, a.ExitCode);
        Assert.Equal("1", a.Value("x"));
        Assert.Equal("bad\n", a.Stderr);
        Assert.Equal(TimeSpan.FromMilliseconds(1250), a.Duration);
        Assert.Equal("content", a.FileText("dir/f.txt"));
        Assert.False(run.Steps[1].Ran);
        Assert.False(run.Completed);
        Assert.Equal("6.1.0-50-amd64", run.Boot.Kernel);
        Assert.True(run.Boot.Iommu);
        Assert.Equal(["igb", "igbvf"], run.Boot.Modules);
        Assert.Equal(TimeSpan.FromMilliseconds(4700), run.Boot.Carrier);
        Assert.Null(run.Boot.End);
        Assert.Equal(272012, run.QemuMaxRssKiB);
        Assert.Equal("[ 1.0] hello\n", run.Dmesg);
        var e = Assert.Throws<InvalidOperationException>(() => run.Step("b"));
        Assert.Contains("stopped early", e.Message, StringComparison.Ordinal);
        Assert.Contains("rk: step 001: exit 3", e.Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => run.Step("c"));
    }

    [Theory]
    [InlineData("272012 10.34\n", 272012L)]
    [InlineData("", null)]
    [InlineData("Command terminated by signal 9\n", null)]
    public void Max_rss_comes_from_the_first_number_of_gnu_time(string rusage, long? kib)
    {
        Assert.Equal(kib, GuestShare.ParseMaxRss(rusage));
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_run, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
