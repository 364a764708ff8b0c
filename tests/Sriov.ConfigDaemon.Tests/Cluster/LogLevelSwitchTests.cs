using k8s.Models;
using Microsoft.Extensions.Logging;
using Sriov.Api.Common;
using Sriov.Api.OperatorConfigs;
using Sriov.ConfigDaemon.Cluster;
using Sriov.ConfigDaemon.Tests.Support;
using Sriov.Kube.Client;

namespace Sriov.ConfigDaemon.Tests.Cluster;

/// <summary><c>SriovOperatorConfig.spec.logLevel</c> (upstream's klog verbosity) as the daemon's log level, applied live.</summary>
public sealed class LogLevelSwitchTests
{
    [Theory]
    [InlineData(null, LogLevel.Information)]
    [InlineData(-1, LogLevel.Information)]
    [InlineData(0, LogLevel.Information)]
    [InlineData(1, LogLevel.Debug)]
    [InlineData(2, LogLevel.Trace)]
    [InlineData(5, LogLevel.Trace)]
    public void The_operator_log_level_maps_to_a_level_and_the_filter_follows_it(int? operatorLevel, LogLevel expected)
    {
        var level = new LogLevelSwitch();
        var recorded = new RecordingLoggers();
        using var loggers = LoggerFactory.Create(b =>
        {
            b.AddProvider(recorded);
            level.Apply(b);
        });
        var logger = loggers.CreateLogger("daemon");
        Assert.False(logger.IsEnabled(LogLevel.Debug)); // the default is Information

        level.Set(operatorLevel);

        Assert.Equal(expected, level.Level);
        foreach (var l in Levels())
        {
            Assert.Equal(l >= expected, logger.IsEnabled(l));
        }
    }

    [Fact]
    public async Task The_operator_configs_logLevel_changes_the_daemons_effective_level_live()
    {
        using var node = Nodes.Running("intel-e810");
        await using var h = await ClusterHarness.StartAsync(new SimHost(node), config: new SriovOperatorConfigSpec { LogLevel = 0 });
        var level = new LogLevelSwitch();
        var recorded = new RecordingLoggers();
        using var loggers = LoggerFactory.Create(b =>
        {
            b.AddProvider(recorded);
            level.Apply(b);
        });
        h.StartDaemon(loggers: loggers, logLevel: level);
        await h.WaitForStatusAsync(SyncStatuses.Succeeded);
        await Task.Delay(ClusterHarness.ResyncPeriod * 2); // more passes, each logging "reconciled" at Debug

        Assert.Equal(LogLevel.Information, level.Level);
        Assert.Contains(recorded.Entries, e => e.Category == "daemon" && e.Level == LogLevel.Information);
        Assert.DoesNotContain(recorded.Entries, e => e.Level < LogLevel.Information);

        var configs = new ResourceClient<SriovOperatorConfig>(h.Admin);
        var key = new ObjectKey(ClusterHarness.Ns, "default");
        await configs.PatchAsync(key, new V1Patch("""{"spec":{"logLevel":2}}""", V1Patch.PatchType.MergePatch));

        await Eventually.TrueAsync(() => recorded.Entries.Any(e => e.Category == "daemon" && e.Level == LogLevel.Debug && e.Message.Contains("reconciled", StringComparison.Ordinal)),
            () => "a Debug entry of the reconcile loop after logLevel 2");
        Assert.Equal(LogLevel.Trace, level.Level);

        await configs.PatchAsync(key, new V1Patch("""{"spec":{"logLevel":0}}""", V1Patch.PatchType.MergePatch));
        await Eventually.TrueAsync(() => level.Level == LogLevel.Information, () => "back to Information after logLevel 0");
    }

    private static LogLevel[] Levels() =>
        [LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical];
}
