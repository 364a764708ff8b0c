using Sriov.DevicePlugin.Cli;

namespace Sriov.DevicePlugin.Tests.Cli;

public class ServeCommandTests
{
    [Fact]
    public async Task An_invalid_config_at_start_exits_1_and_bad_flags_exit_2()
    {
        var dir = Directory.CreateTempSubdirectory("dp-serve-").FullName;
        try
        {
            var config = Path.Join(dir, "config.json");
            File.WriteAllText(config, """{"resourceList":[{"resourceName":"a","selectors":[]}]}""");
            Assert.Equal(1, await ServeCommand.RunAsync(["--config-file", config, "--host-root", dir, "--device-plugin-dir", Path.Join(dir, "dp"),
                "--plugins-registry-dir", Path.Join(dir, "none"), "--devinfo-dir", Path.Join(dir, "di")]));
            Assert.False(Directory.Exists(Path.Join(dir, "dp")));
            Assert.Equal(2, await ServeCommand.RunAsync(["--no-such-flag"]));
            Assert.Equal(0, await ServeCommand.RunAsync(["-help"]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_stderr_logger_writes_one_line_per_message_and_filters_the_framework()
    {
        using var output = new StringWriter();
        using var provider = new StderrLoggerProvider(Microsoft.Extensions.Logging.LogLevel.Information, output);
        var ours = provider.CreateLogger("Sriov.DevicePlugin");
        var kestrel = provider.CreateLogger("Microsoft.AspNetCore.Server.Kestrel");
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(ours, "pool {Name} added", "intel.com/a");
        Microsoft.Extensions.Logging.LoggerExtensions.LogDebug(ours, "hidden");
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(kestrel, "hidden too");
        Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(kestrel, "shown");
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO  pool intel.com/a added$", lines[0].TrimEnd('\r'));
        Assert.EndsWith("WARN  shown", lines[1].TrimEnd('\r'), StringComparison.Ordinal);
    }
}
