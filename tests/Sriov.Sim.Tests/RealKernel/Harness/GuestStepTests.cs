using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel.Harness;

public sealed class GuestStepTests
{
    [Theory]
    [InlineData("probe")]
    [InlineData("vf-count/enable-2")]
    [InlineData("a.b_c/d-e/f")]
    public void Valid_names_are_kept(string name)
    {
        Assert.Equal(name, new GuestStep(name, "true").Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("x;rm")]
    public void Invalid_names_are_refused_with_the_name_in_the_message(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => new GuestStep(name, "true"));

        Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public void An_empty_script_is_refused(string script)
    {
        var e = Assert.Throws<ArgumentException>(() => new GuestStep("s", script));

        Assert.Contains("empty script", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1801)]
    public void Timeouts_outside_one_second_to_thirty_minutes_are_refused(double seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GuestStep("s", "true", TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void The_default_timeout_applies_when_none_is_given()
    {
        Assert.Equal(GuestStep.DefaultTimeout, new GuestStep("s", "true").Timeout);
    }

    [Theory]
    [InlineData("1ABC")]
    [InlineData("A-B")]
    [InlineData("A B")]
    [InlineData("")]
    public void Environment_names_must_be_shell_identifiers(string name)
    {
        var e = Assert.Throws<ArgumentException>(
            () => new GuestStep("s", "true") { Environment = new Dictionary<string, string> { [name] = "v" } });

        Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Renamed_keeps_script_timeout_and_environment()
    {
        var step = new GuestStep("a", "echo", TimeSpan.FromSeconds(5)) { Environment = new Dictionary<string, string> { ["X"] = "1" } };

        var renamed = step.Renamed("s/a");

        Assert.Equal("s/a", renamed.Name);
        Assert.Equal(step.Script, renamed.Script);
        Assert.Equal(step.Timeout, renamed.Timeout);
        Assert.Equal("1", renamed.Environment["X"]);
    }
}
