using System.Threading.Channels;
using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Pools;
using Sriov.Kubelet.DevicePlugin.V1Beta1;

namespace Sriov.DevicePlugin.Server;

/// <summary>
/// One served pool: the current <see cref="PoolView"/> and the ListAndWatch streams that follow it. Each stream gets
/// the full list at once and again after every change the kubelet would notice; a slow stream only ever holds the
/// latest list (older ones are dropped, since each message replaces the previous one).
/// </summary>
internal sealed class PoolRuntime
{
    private readonly Lock _gate = new();
    private readonly List<Channel<ListAndWatchResponse>> _streams = [];
    private PoolView _view;

    public PoolRuntime(PoolSpec spec, IReadOnlyList<PoolEntry> entries) => _view = new PoolView(spec, entries);

    public PoolView View => Volatile.Read(ref _view);

    public PoolSpec Spec => View.Spec;

    public string FullName => View.Spec.FullName;

    /// <summary>Replaces the view; returns whether the advertisement changed (and was sent to every stream).</summary>
    public bool Update(PoolSpec spec, IReadOnlyList<PoolEntry> entries)
    {
        var next = new PoolView(spec, entries);
        lock (_gate)
        {
            var changed = !_view.SameAdvertisement(next);
            Volatile.Write(ref _view, next);
            if (changed)
            {
                var message = next.ToResponse();
                foreach (var s in _streams)
                {
                    s.Writer.TryWrite(message);
                }
            }

            return changed;
        }
    }

    /// <summary>Opens a stream that starts with the current list.</summary>
    public ChannelReader<ListAndWatchResponse> Subscribe(out Action unsubscribe)
    {
        var channel = Channel.CreateBounded<ListAndWatchResponse>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            channel.Writer.TryWrite(_view.ToResponse());
            _streams.Add(channel);
        }

        unsubscribe = () =>
        {
            lock (_gate)
            {
                _streams.Remove(channel);
            }
        };
        return channel.Reader;
    }

    /// <summary>Ends every stream (the pool is going away or its server restarts).</summary>
    public void CloseStreams()
    {
        lock (_gate)
        {
            foreach (var s in _streams)
            {
                s.Writer.TryComplete();
            }

            _streams.Clear();
        }
    }
}
