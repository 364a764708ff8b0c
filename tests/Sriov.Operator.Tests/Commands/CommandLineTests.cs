using Sriov.Operator.Commands;

namespace Sriov.Operator.Tests.Commands;

public sealed class CommandLineTests
{
    [Fact]
    public void Defaults()
    {
        var o = CommandLine.Parse(["-f", "a.yaml"]);

        Assert.Equal(["a.yaml"], o.Paths);
        Assert.Equal(("sriov-network-operator", "openshift.io", OutputFormat.Json), (o.Namespace, o.ResourcePrefix, o.Output));
    }

    [Fact]
    public void Repeated_and_multi_value_f_and_all_flags()
    {
        var o = CommandLine.Parse(["-f", "a", "b", "--filename=c", "-f", "-", "--namespace", "ops", "--resource-prefix=intel.com", "-o", "yaml"]);

        Assert.Equal(["a", "b", "c", "-"], o.Paths);
        Assert.Equal(("ops", "intel.com", OutputFormat.Yaml), (o.Namespace, o.ResourcePrefix, o.Output));
    }

    [Theory]
    [InlineData(new string[0], "no input: give the objects with -f PATH")]
    [InlineData(new[] { "-f" }, "-f needs at least one file or directory")]
    [InlineData(new[] { "-f", "a", "-o", "xml" }, "-o xml: use json or yaml")]
    [InlineData(new[] { "-f", "a", "--namespace" }, "--namespace needs a value")]
    [InlineData(new[] { "-f", "a", "--namespace=" }, "--namespace needs a non-empty value")]
    [InlineData(new[] { "-f", "a", "--bogus" }, "unknown argument \"--bogus\"")]
    public void Bad_arguments_say_what_is_wrong(string[] args, string message) =>
        Assert.Equal(message, Assert.Throws<UsageException>(() => CommandLine.Parse(args)).Message);
}
