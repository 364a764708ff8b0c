using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel.Harness;

public sealed class GuestStepResultTests
{
    [Theory]
    [InlineData("a=1\n", "a", "1")]
    [InlineData("a=\n", "a", "")]
    [InlineData("a=x=y\n", "a", "x=y")]
    [InlineData("a=1\na=2\n", "a", "2")]
    [InlineData("noise\nk=v\r\n", "k", "v")]
    public void Key_value_lines_of_stdout_become_values(string stdout, string key, string value)
    {
        Assert.Equal(value, Result(stdout).Value(key));
    }

    [Theory]
    [InlineData("key with space=1\n", "key with space")]
    [InlineData("=1\n", "")]
    [InlineData("text\n", "text")]
    public void Other_lines_are_not_values(string stdout, string key)
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Result(stdout).Value(key));

        Assert.Contains(stdout.TrimEnd(), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(143, 3000, true)]
    [InlineData(137, 5000, true)]
    [InlineData(143, 500, false)]
    [InlineData(0, 3000, false)]
    [InlineData(1, 3000, false)]
    public void Timed_out_means_killed_by_the_guest_at_the_timeout(int exit, int ms, bool timedOut)
    {
        var step = new GuestStep("s", "true", TimeSpan.FromSeconds(3));

        Assert.Equal(timedOut, new GuestStepResult(step, exit, "", "", TimeSpan.FromMilliseconds(ms), new Dictionary<string, byte[]>()).TimedOut);
    }

    [Fact]
    public void A_missing_file_names_the_files_the_step_left()
    {
        var result = new GuestStepResult(
            new GuestStep("s", "true"), 0, "", "", TimeSpan.Zero, new Dictionary<string, byte[]> { ["b"] = [], ["a"] = [] });

        var e = Assert.Throws<FileNotFoundException>(() => result.FileText("c"));

        Assert.Contains("it left: a, b", e.Message, StringComparison.Ordinal);
    }

    private static GuestStepResult Result(string stdout) =>
        new(new GuestStep("s", "true"), 0, stdout, "", TimeSpan.Zero, new Dictionary<string, byte[]>());
}
