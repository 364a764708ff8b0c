using System.Diagnostics;
using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Health;
using Sriov.DevicePlugin.Pools;
using Sriov.DevicePlugin.Server;
using Sriov.Host.Sysfs;

namespace Sriov.DevicePlugin.Watch;

/// <summary>Rediscovery and the pools' lifecycle.</summary>
internal sealed partial class PluginHost
{
    private async Task RediscoverAsync(bool reloadConfig, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (reloadConfig)
        {
            ReloadConfig();
        }

        var since = _links?.Sequence ?? 0;
        var config = _config;
        var previous = _slots.ToDictionary(p => p.Key, p => p.Value.Runtime.View.Entries, StringComparer.Ordinal);
        DiscoveryRound round;
        try
        {
            round = await BackgroundThread.RunAsync(
                () => _discovery.Run(config, name => previous.GetValueOrDefault(name) ?? [], snapshot => Links(snapshot, since), _options.HealthLink),
                "sriov-dp-discovery");
        }
        catch (SysfsRequestException e)
        {
            HostLog.RediscoveryFailed(_logger, e.Message);
            return;
        }

        _facts = round.Facts;
        foreach (var excluded in round.Selection.Excluded)
        {
            if (_reportedExclusions.Add(excluded.ToString()))
            {
                HostLog.Excluded(_logger, excluded.ToString());
            }
        }

        await ApplyAsync(round.Pools, ct);
        if (_links is not null)
        {
            _links.Watched = round.Pools.SelectMany(p => p.Entries).Select(e => e.Device.Candidate.PfName).OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
        }

        // A round leaves a whole snapshot of the host as garbage while the live data (the pools) is small: collect it
        // now, compacting, so the idle resident size stays flat instead of growing to the next GC's budget
        // (docs/benchmarks.md: a few milliseconds per resync).
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Interlocked.Increment(ref _rediscoveries);
        HostLog.Rediscovered(_logger, round.Snapshot.Inventory.Count, round.Pools.Sum(p => p.Entries.Count), round.Pools.Count,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds, GC.GetTotalMemory(forceFullCollection: false) / 1048576.0);
    }

    private IReadOnlyDictionary<string, LinkState> Links(Discovery.NodeSnapshot snapshot, long since)
    {
        var sysfs = SysfsLinks.Read(snapshot.Inventory);
        return _links is null ? sysfs : _links.Merge(sysfs, since);
    }

    /// <summary>Re-reads the config file; a changed valid one replaces the config, an invalid one is reported once and
    /// the last good config keeps serving.</summary>
    private void ReloadConfig()
    {
        string text;
        try
        {
            text = File.ReadAllText(_options.ConfigFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Reject($"{_options.ConfigFile}: cannot read the device plugin config: {e.Message}", e.Message);
            return;
        }

        if (text == _configText)
        {
            _rejected = null;
            return;
        }

        try
        {
            var config = ConfigLoader.Parse(text, _options.ConfigFile, _options.ResourcePrefix);
            _config = config;
            _configText = text;
            _rejected = null;
            HostLog.ConfigReloaded(_logger, _options.ConfigFile, config.Pools.Count);
            foreach (var warning in config.Warnings)
            {
                HostLog.ConfigWarning(_logger, warning);
            }
        }
        catch (ConfigException e)
        {
            Reject(e.Message, text);
        }
    }

    private void Reject(string message, string key)
    {
        if (_rejected != key)
        {
            _rejected = key;
            HostLog.ConfigRejected(_logger, message);
        }
    }

    private async Task ApplyAsync(IReadOnlyList<(PoolSpec Spec, IReadOnlyList<PoolEntry> Entries)> pools, CancellationToken ct)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (spec, entries) in pools)
        {
            wanted.Add(spec.FullName);
            if (_slots.TryGetValue(spec.FullName, out var slot))
            {
                var old = slot.Runtime.View;
                LogChanges(spec.FullName, old.ById, entries, newPool: false);
                slot.Runtime.Update(spec, entries);
                foreach (var gone in old.Entries.Where(e => !entries.Any(n => n.Id == e.Id)))
                {
                    TryWrite("device-info file of " + gone.Id, () => _deviceInfo.Remove(old.Spec, gone.Id));
                }

                if (!old.Entries.Select(e => e.Device).SequenceEqual(entries.Select(e => e.Device)))
                {
                    WriteCdi(slot.Runtime.View);
                }

                continue;
            }

            slot = new PoolSlot(new PoolRuntime(spec, entries));
            _slots[spec.FullName] = slot;
            HostLog.PoolAdded(_logger, spec.FullName, entries.Count);
            LogChanges(spec.FullName, new Dictionary<string, PoolEntry>(), entries, newPool: true);
            WriteCdi(slot.Runtime.View);
            await ServeAsync(slot, ct);
        }

        foreach (var (name, slot) in _slots.Where(p => !wanted.Contains(p.Key)).ToList())
        {
            _slots.Remove(name);
            await RemoveAsync(slot, log: true);
        }
    }

    private void ReevaluateHealth()
    {
        var facts = _links is null ? _facts : _facts with { Links = _links.Current() };
        _facts = facts;
        foreach (var (name, slot) in _slots)
        {
            var view = slot.Runtime.View;
            var entries = PoolMerge.Reevaluate(view.Entries, facts);
            LogChanges(name, view.ById, entries, newPool: false);
            slot.Runtime.Update(view.Spec, entries);
        }
    }

    private async Task ServeAsync(PoolSlot slot, CancellationToken ct)
    {
        var path = Path.Join(SocketDirectory, slot.Runtime.Spec.SocketName);
        try
        {
            slot.Server = await PoolServer.StartAsync(slot.Runtime, path, Mode == PluginMode.PluginWatcher, _deviceInfo, _options.UseCdi, _loggers, ct);
            slot.Registered = Mode == PluginMode.PluginWatcher;
            slot.Failures = 0;
            slot.NextAttempt = _time.GetUtcNow();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            slot.Server = null;
            HostLog.ServeFailed(_logger, slot.Runtime.FullName, path, e.Message);
        }
    }

    private async Task RemoveAsync(PoolSlot slot, bool log)
    {
        if (slot.Server is not null)
        {
            await slot.Server.DisposeAsync();
            slot.Server = null;
        }

        var view = slot.Runtime.View;
        foreach (var e in view.Entries)
        {
            TryWrite("device-info file of " + e.Id, () => _deviceInfo.Remove(view.Spec, e.Id));
        }

        if (_cdi is not null)
        {
            TryWrite("CDI spec of " + view.Spec.FullName, () => _cdi.Remove(view.Spec));
        }

        if (log)
        {
            HostLog.PoolRemoved(_logger, view.Spec.FullName);
        }
    }

    private void WriteCdi(PoolView view)
    {
        if (_cdi is not null)
        {
            TryWrite("CDI spec of " + view.Spec.FullName, () => _cdi.Write(view.Spec, view.Entries.Select(e => e.Device)));
        }
    }

    private void TryWrite(string what, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            HostLog.WriteFailed(_logger, what, e.Message);
        }
    }

    private void LogChanges(string resource, IReadOnlyDictionary<string, PoolEntry> before, IReadOnlyList<PoolEntry> after, bool newPool)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in after)
        {
            seen.Add(e.Id);
            var had = before.TryGetValue(e.Id, out var old);
            if (!had && !newPool)
            {
                HostLog.DeviceAdded(_logger, resource, e.Id);
            }

            if (!e.Healthy && (!had || old!.Healthy || old.Reason != e.Reason))
            {
                HostLog.Unhealthy(_logger, resource, e.Id, e.Reason ?? "unknown");
            }
            else if (e.Healthy && had && !old!.Healthy)
            {
                HostLog.Healthy(_logger, resource, e.Id);
            }
        }

        foreach (var id in before.Keys.Where(id => !seen.Contains(id)))
        {
            HostLog.DeviceRemoved(_logger, resource, id);
        }
    }
}
