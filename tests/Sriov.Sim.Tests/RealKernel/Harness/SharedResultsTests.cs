using System.Diagnostics;
using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel.Harness;

public sealed class SharedResultsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rk-results-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static GuestScenario Scenario(string name, string script = "true", bool iommu = false) =>
        new(name, [new GuestStep("a", script)]) { Iommu = iommu };

    private SharedResults Results(int pid)
    {
        File.WriteAllText(Path.Combine(_dir, "pid"), pid + "\n");
        return new SharedResults(_dir);
    }

    [Fact]
    public async Task Only_scenarios_with_the_same_name_kind_and_fingerprint_are_answered()
    {
        var results = Results(Environment.ProcessId);
        results.WriteManifest([Scenario("same"), Scenario("changed"), Scenario("moved")]);

        var answered = await results.MatchAsync(
            [Scenario("same"), Scenario("changed", script: "false"), Scenario("moved", iommu: true), Scenario("new")], CancellationToken.None);

        Assert.Equal(["same"], answered);
    }

    [Fact]
    public async Task Waiting_ends_with_the_pass_s_error()
    {
        var results = Results(Environment.ProcessId);
        results.WriteError("two test assemblies define the guest scenario 'x'");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => results.MatchAsync([Scenario("x")], CancellationToken.None));

        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_ends_when_the_pass_is_gone_without_a_result()
    {
        using var gone = Process.Start("true")!;
        await gone.WaitForExitAsync();
        var results = Results(gone.Id);
        results.WriteManifest([Scenario("s")]);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => results.RunAsync(false, [], new GuestOptions(), CancellationToken.None));

        Assert.Contains($"pid {gone.Id}", e.Message, StringComparison.Ordinal);
        Assert.Contains("plain guest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_pid_file_the_directory_is_refused()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new SharedResults(_dir).MatchAsync([], CancellationToken.None));

        Assert.Contains("no pid file", e.Message, StringComparison.Ordinal);
        Assert.Contains(SharedResults.Variable, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_process_reads_its_own_steps_of_the_shared_run_by_name()
    {
        var results = Results(Environment.ProcessId);
        var mine = GuestBatch.Flatten([Scenario("mine")]);
        var theirs = GuestBatch.Flatten([Scenario("theirs")]);
        var run = results.RunDirectory(iommu: true);
        GuestShare.WriteSteps(run, [.. theirs, .. mine], "/lib");
        File.WriteAllText(Path.Combine(run, "share/steps/003/exit"), "0\n");
        File.WriteAllText(Path.Combine(run, "share/steps/003/stdout"), "who=mine\n");
        File.WriteAllText(Path.Combine(run, "share/done"), "end_ms=9000\n");
        results.WriteResult(new GuestRun(new GuestOptions { Iommu = true }, [], GuestBootInfo.Parse("", ""))
        {
            RunnerExitCode = 0,
            RunnerError = "line one\nline two",
            Wall = TimeSpan.FromSeconds(12),
        });

        var read = await results.RunAsync(true, mine, new GuestOptions { Iommu = true }, CancellationToken.None);

        Assert.Equal("mine", read.Step("mine/a").Value("who"));
        Assert.True(read.Completed);
        Assert.Equal(TimeSpan.FromSeconds(12), read.Wall);
        Assert.Equal("line one\nline two", read.RunnerError);
        Assert.Throws<KeyNotFoundException>(() => read.Step("theirs/a"));
    }
}
