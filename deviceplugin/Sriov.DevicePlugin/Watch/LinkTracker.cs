using Sriov.DevicePlugin.Health;
using Sriov.Host.Netlink;

namespace Sriov.DevicePlugin.Watch;

/// <summary>
/// Follows netdev link state from RTNLGRP_LINK events (no polling), so a PF losing carrier turns its VFs Unhealthy
/// within the event's delivery, far under the 1 s bound. The sysfs values read by each discovery are the baseline;
/// an event newer than that read wins over it. Lost events (ENOBUFS) ask for a rediscovery.
/// </summary>
internal sealed class LinkTracker : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (LinkState State, long Seq)> _links = new(StringComparer.Ordinal);
    private readonly Wakeup _wakeup;
    private readonly CancellationTokenSource _stop = new();
    private LinkEventSubscription? _subscription;
    private Task? _loop;
    private long _seq;
    private IReadOnlySet<string> _watched = new HashSet<string>();

    public LinkTracker(Wakeup wakeup) => _wakeup = wakeup;

    /// <summary>The sequence number of the last event applied.</summary>
    public long Sequence => Interlocked.Read(ref _seq);

    /// <summary>Netdevs whose changes wake the loop (the PF netdevs of served devices).</summary>
    public IReadOnlySet<string> Watched
    {
        get => Volatile.Read(ref _watched);
        set => Volatile.Write(ref _watched, value);
    }

    public void Start()
    {
        _subscription = LinkEventSubscription.Open();
        _loop = Task.Run(ReadAsync);
    }

    /// <summary>Takes sysfs values read after event <paramref name="since"/> as the baseline and returns the current states.</summary>
    public IReadOnlyDictionary<string, LinkState> Merge(IReadOnlyDictionary<string, LinkState> sysfs, long since)
    {
        lock (_gate)
        {
            foreach (var (name, state) in sysfs)
            {
                if (!_links.TryGetValue(name, out var known) || known.Seq <= since)
                {
                    _links[name] = (state, known.Seq);
                }
            }

            return _links.ToDictionary(p => p.Key, p => p.Value.State, StringComparer.Ordinal);
        }
    }

    public IReadOnlyDictionary<string, LinkState> Current()
    {
        lock (_gate)
        {
            return _links.ToDictionary(p => p.Key, p => p.Value.State, StringComparer.Ordinal);
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var e = await _subscription!.ReceiveAsync(_stop.Token).ConfigureAwait(false);
                if (e.Kind == LinkEventKind.Overflow || e.Link is null)
                {
                    _wakeup.Raise(WakeReason.Rediscover);
                    continue;
                }

                var name = e.Link.Name;
                bool changed;
                lock (_gate)
                {
                    var seq = Interlocked.Increment(ref _seq);
                    if (e.Kind == LinkEventKind.Removed)
                    {
                        changed = _links.Remove(name);
                    }
                    else
                    {
                        var state = LinkState.From(e.Link);
                        changed = !_links.TryGetValue(name, out var old) || old.State != state;
                        _links[name] = (state, seq);
                    }
                }

                if (changed && Watched.Contains(name))
                {
                    _wakeup.Raise(WakeReason.Health);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
        catch (System.Net.Sockets.SocketException e)
        {
            // The subscription broke: health falls back to the sysfs values of each resync.
            Failure = e.Message;
            _wakeup.Raise(WakeReason.Rediscover);
        }
    }

    /// <summary>Why the event subscription stopped, when it did.</summary>
    public string? Failure { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _subscription?.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }
}
