using Sriov.DevicePlugin.Cli;

namespace Sriov.DevicePlugin.Tests.Cli;

public class PluginFlagsTests
{
    [Theory]
    [InlineData("-config-file", "/x.json", null)]
    [InlineData("--config-file", "/x.json", null)]
    [InlineData("-config-file=/x.json", null, null)]
    [InlineData("--config-file=/x.json", null, null)]
    public void Every_go_spelling_of_a_string_flag_is_accepted(string first, string? second, string? unused)
    {
        _ = unused;
        string[] args = second is null ? [first] : [first, second];
        Assert.Equal("/x.json", PluginFlags.ParseServe(args).ConfigFile);
    }

    [Theory]
    [InlineData(new[] { "-use-cdi" }, true)]
    [InlineData(new[] { "--use-cdi" }, true)]
    [InlineData(new[] { "--use-cdi=true" }, true)]
    [InlineData(new[] { "-use-cdi=1" }, true)]
    [InlineData(new[] { "-use-cdi=T" }, true)]
    [InlineData(new[] { "--use-cdi=false" }, false)]
    [InlineData(new[] { "-use-cdi=0" }, false)]
    [InlineData(new string[0], false)]
    public void Booleans_are_bare_or_take_their_value_after_an_equals_sign(string[] args, bool expected) =>
        Assert.Equal(expected, PluginFlags.ParseServe(args).UseCdi);

    [Fact]
    public void A_boolean_does_not_consume_the_next_argument()
    {
        // Go's flag package: "-use-cdi false" sets the flag and leaves "false" as a positional argument.
        var e = Assert.Throws<FlagException>(() => PluginFlags.ParseServe(["-use-cdi", "false"]));
        Assert.Contains("unexpected argument \"false\"", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10", 10)]
    [InlineData("0x10", 16)]
    [InlineData("010", 8)]
    [InlineData("0b11", 3)]
    [InlineData("-2", -2)]
    [InlineData("1_000", 1000)]
    [InlineData("0x_ff", 255)]
    [InlineData("_1", -1)]
    [InlineData("1__0", -1)]
    [InlineData("ten", -1)]
    public void Log_level_is_parsed_like_go_parses_ints(string value, long expected)
    {
        if (expected == -1)
        {
            Assert.Throws<FlagException>(() => PluginFlags.ParseServe(["--log-level", value]));
            return;
        }

        Assert.Equal(expected, PluginFlags.ParseServe(["--log-level", value]).LogLevel);
        Assert.Equal(expected, PluginFlags.ParseServe(["-log-level=" + value]).LogLevel);
    }

    [Fact]
    public void Defaults_are_upstreams_paths()
    {
        var o = PluginFlags.ParseServe([]);
        Assert.Equal(("/etc/pcidp/config.json", "intel.com", false, "/"), (o.ConfigFile, o.ResourcePrefix, o.UseCdi, o.HostRoot));
        Assert.Equal(("/var/lib/kubelet/device-plugins", "/var/lib/kubelet/plugins_registry", "/var/run/cdi", "/var/run/k8s.cni.cncf.io/devinfo/dp"),
            (o.DevicePluginDir, o.PluginsRegistryDir, o.CdiDir, o.DevInfoDir));
        Assert.True(o.HealthLink);
    }

    [Fact]
    public void The_operators_arguments_and_upstream_image_flags_parse()
    {
        var o = PluginFlags.ParseServe(["--log-level=10", "--resource-prefix=openshift.io", "--config-file=/etc/pcidp/node-1", "--use-cdi",
            "--log-dir=sriovdp", "-v", "10", "-logtostderr", "--health-link=false", "--host-root", "/host"]);
        Assert.Equal((10L, "openshift.io", "/etc/pcidp/node-1", true, false, "/host"),
            (o.LogLevel, o.ResourcePrefix, o.ConfigFile, o.UseCdi, o.HealthLink, o.HostRoot));
    }

    [Fact]
    public void The_last_of_a_repeated_flag_wins_and_double_dash_ends_flags()
    {
        Assert.Equal("b", PluginFlags.ParseServe(["-resource-prefix", "a", "--resource-prefix=b"]).ResourcePrefix);
        var e = Assert.Throws<FlagException>(() => PluginFlags.ParseServe(["--", "-use-cdi"]));
        Assert.Contains("unexpected argument \"-use-cdi\"", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--nope", "flag provided but not defined: -nope")]
    [InlineData("---config-file=x", "bad flag syntax: ---config-file=x")]
    [InlineData("-=x", "bad flag syntax: -=x")]
    [InlineData("--config-file", "flag needs an argument: -config-file")]
    [InlineData("--use-cdi=maybe", "invalid boolean value \"maybe\" for -use-cdi: parse error")]
    public void Malformed_flags_are_refused_with_gos_wording(string arg, string message) =>
        Assert.Equal(message, Assert.Throws<FlagException>(() => PluginFlags.ParseServe([arg])).Message);

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void Help_is_a_request_not_an_error(string arg) =>
        Assert.True(Assert.Throws<FlagException>(() => PluginFlags.ParseServe([arg])).HelpRequested);

    [Fact]
    public void Discover_takes_only_its_own_flags()
    {
        var o = PluginFlags.ParseDiscover(["--config-file", "/c.json", "--host-root=/r", "-resource-prefix", "example.com"]);
        Assert.Equal(("/c.json", "/r", "example.com"), (o.ConfigFile, o.HostRoot, o.ResourcePrefix));
        Assert.Throws<FlagException>(() => PluginFlags.ParseDiscover(["--use-cdi"]));
    }
}
