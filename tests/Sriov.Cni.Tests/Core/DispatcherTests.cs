using System.Text.Json;
using Sriov.Cni.Journal;
using Sriov.Cni.Plugin;
using Sriov.Cni.Tests.Support;
using Sriov.Host;

namespace Sriov.Cni.Tests.Core;

/// <summary>The CNI contract around the commands: VERSION, error objects, version gates.</summary>
public sealed class DispatcherTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("s5-dispatch-").FullName;

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0"}""", "1.0.0")]
    [InlineData("""{"cniVersion":"0.3.1","name":"x"}""", "0.3.1")]
    [InlineData("""{"cniVersion":"9.9.9"}""", "9.9.9")]
    [InlineData("{}", "0.1.0")]
    [InlineData("", "0.1.0")]
    public void Version_echoes_the_input_version_and_lists_every_supported_one(string stdin, string echoed)
    {
        var output = Run(new() { ["CNI_COMMAND"] = "VERSION", ["CNI_NETNS"] = "dummy", ["CNI_IFNAME"] = "dummy", ["CNI_PATH"] = "dummy" }, stdin);
        Assert.Equal(0, output.ExitCode);
        Assert.Equal(echoed, output.Json.GetProperty("cniVersion").GetString());
        Assert.Equal(["0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"], output.Json.GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory]
    [InlineData("CHECK", "0.3.1", 1, "config version \"0.3.1\" does not allow CHECK; it needs cniVersion 0.4.0")]
    [InlineData("STATUS", "1.0.0", 1, "does not allow STATUS; it needs cniVersion 1.1.0")]
    [InlineData("GC", "0.4.0", 1, "does not allow GC")]
    public void Commands_newer_than_the_config_version_are_refused(string command, string version, int code, string message)
    {
        var output = Run(InProcess.Env(command), Conf.Base(version: version).ToJsonString());
        Assert.Equal((1, code), (output.ExitCode, output.Code));
        Assert.Contains(message, output.Message, StringComparison.Ordinal);
        Assert.Equal(version, output.Json.GetProperty("cniVersion").GetString());
    }

    [Fact]
    public void Errors_are_cni_error_objects_on_stdout_with_exit_status_1()
    {
        var output = Run(InProcess.Env("ADD"), Conf.With("""{"vlan":5000}"""));
        Assert.Equal(1, output.ExitCode);
        var keys = output.Json.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["cniVersion", "code", "msg"], keys);
        Assert.Equal((7, "1.0.0"), (output.Code, output.Json.GetProperty("cniVersion").GetString()));
        Assert.Contains("[error]", output.Stderr, StringComparison.Ordinal); // logged to stderr, not stdout
    }

    [Fact]
    public void A_missing_vf_is_a_plugin_error_naming_the_device()
    {
        Directory.CreateDirectory(Path.Join(_root, "sys/bus/pci/devices"));
        var output = Run(InProcess.Env("ADD"), Conf.Base().ToJsonString());
        Assert.Equal(101, output.Code);
        Assert.Contains("deviceID 0000:af:06.0: no such PCI device on this host", output.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Del_without_a_journal_succeeds_with_no_output()
    {
        var output = Run(InProcess.Env("DEL", netns: ""), Conf.Base().ToJsonString());
        Assert.Equal((0, string.Empty), (output.ExitCode, output.Stdout));
    }

    [Fact]
    public void Del_removes_a_file_that_is_not_a_journal_and_succeeds()
    {
        var state = Path.Join(_root, "var/lib/cni/sriov");
        Directory.CreateDirectory(state);
        File.WriteAllText(Path.Join(state, "ctr1-net1"), "not json");
        var output = Run(InProcess.Env("DEL"), Conf.Base().ToJsonString());
        Assert.Equal(0, output.ExitCode);
        Assert.False(File.Exists(Path.Join(state, "ctr1-net1")));
    }

    [Fact]
    public void Check_without_an_attachment_fails_naming_it()
    {
        var output = Run(InProcess.Env("CHECK"), Conf.Base().ToJsonString());
        Assert.Equal(109, output.Code);
        Assert.Contains("container ctr1 interface net1 is not attached on this node", output.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_is_ready_with_a_writable_state_directory_and_not_otherwise()
    {
        Assert.Equal(0, Run(InProcess.Env("STATUS"), Conf.Base(version: "1.1.0").ToJsonString()).ExitCode);
        File.WriteAllText(Path.Join(_root, "blocker"), string.Empty);
        var context = new PluginContext { Root = new HostRoot(_root), Journals = new JournalStore(Path.Join(_root, "blocker", "state")) };
        var output = InProcess.Run(context, InProcess.Env("STATUS"), Conf.Base(version: "1.1.0").ToJsonString());
        Assert.Equal(50, output.Code);
        Assert.Contains("blocker/state is not writable", output.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Del_with_an_invalid_log_file_logs_to_stderr_instead_of_failing()
    {
        var output = Run(InProcess.Env("DEL"), Conf.With("""{"logFile":"/etc/x","logLevel":"debug"}"""));
        Assert.Equal(0, output.ExitCode);
        Assert.Contains("logFile \"/etc/x\" must name a file under /var/log with no \".\" or \"..\" segments; logging to stderr", output.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_log_file_is_resolved_under_the_host_root()
    {
        var output = Run(InProcess.Env("DEL"), Conf.With("""{"logFile":"/var/log/sriov/cni.log","logLevel":"debug"}"""));
        Assert.Equal(0, output.ExitCode);
        var log = File.ReadAllText(Path.Join(_root, "var/log/sriov/cni.log"));
        Assert.Contains("[info] DEL ctr1/net1: container ctr1 interface net1: no journal; nothing to do", log, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing to do", output.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private CniOutput Run(Dictionary<string, string> env, string stdin)
    {
        var root = new HostRoot(_root);
        return InProcess.Run(new PluginContext { Root = root, Journals = new JournalStore(root.CniState) }, env, stdin);
    }
}
