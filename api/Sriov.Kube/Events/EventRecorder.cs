using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sriov.Kube.Client;

namespace Sriov.Kube.Events;

/// <summary>
/// Records core/v1 Events about an object, as client-go's recorder does in its simple form: an event identical to one
/// this recorder wrote before (same object, type, reason and message) bumps that event's <c>count</c> and
/// <c>lastTimestamp</c> by merge patch instead of creating another; the Event is created anew when the old one is gone
/// (the API server deletes events after an hour). Events of cluster-scoped objects (a Node) go to <c>default</c>.
/// Recording is best effort: a failure is logged and never thrown, so it cannot fail the work it reports on.
/// </summary>
public sealed class EventRecorder : IDisposable
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    /// <summary>How many distinct events are remembered for de-duplication (client-go's LRU holds 4096).</summary>
    public const int DefaultCacheSize = 4096;

    private readonly ResourceClient<Corev1Event> _events;
    private readonly string _component;
    private readonly string? _host;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _cacheSize;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<EventKey, Entry> _seen = [];
    private long _lastNanos;

    /// <param name="component">The <c>source.component</c> (e.g. <c>sriov-network-config-daemon</c>).</param>
    /// <param name="host">The <c>source.host</c> (the node name, for a per-node agent).</param>
    public EventRecorder(ResourceClient<Corev1Event> events, string component, string? host = null,
        TimeProvider? time = null, ILogger? logger = null, int cacheSize = DefaultCacheSize)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentException.ThrowIfNullOrEmpty(component);
        ArgumentOutOfRangeException.ThrowIfLessThan(cacheSize, 1);
        _events = events;
        _component = component;
        _host = host;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _cacheSize = cacheSize;
    }

    public Task NormalAsync(IKubernetesObject<V1ObjectMeta> obj, string reason, string message, CancellationToken ct = default) =>
        RecordAsync(obj, Normal, reason, message, ct);

    public Task WarningAsync(IKubernetesObject<V1ObjectMeta> obj, string reason, string message, CancellationToken ct = default) =>
        RecordAsync(obj, Warning, reason, message, ct);

    /// <summary>Records an event of <paramref name="type"/> (<see cref="Normal"/> or <see cref="Warning"/>) with a
    /// CamelCase <paramref name="reason"/> and a human <paramref name="message"/>.</summary>
    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> obj, string type, string reason, string message,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        ArgumentNullException.ThrowIfNull(message);
        var involved = Reference(obj);
        var ns = involved.NamespaceProperty ?? "default";
        var key = new EventKey(_component, _host, involved.Kind, involved.ApiVersion, ns, involved.Name, involved.Uid,
            type, reason, message);
        await _gate.WaitAsync(ct);
        try
        {
            var now = _time.GetUtcNow();
            if (_seen.TryGetValue(key, out var entry) && await TryBumpAsync(entry, ns, now, ct))
            {
                return;
            }

            var created = await _events.CreateAsync(NewEvent(involved, ns, type, reason, message, now), ct);
            Remember(key, new Entry(created.Metadata.Name, 1, now));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            EventLog.Failed(_logger, reason, type, involved.Kind, $"{ns}/{involved.Name}", e.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<bool> TryBumpAsync(Entry entry, string ns, DateTimeOffset now, CancellationToken ct)
    {
        var patch = new JsonObject
        {
            ["count"] = entry.Count + 1,
            ["lastTimestamp"] = Timestamp(now),
        };
        try
        {
            await _events.PatchAsync(new ObjectKey(ns, entry.Name), new V1Patch(patch, V1Patch.PatchType.MergePatch), ct);
            entry.Count++;
            entry.LastSeen = now;
            return true;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return false; // expired (events live an hour by default): create a new one
        }
    }

    private Corev1Event NewEvent(V1ObjectReference involved, string ns, string type, string reason, string message,
        DateTimeOffset now)
    {
        // client-go names events <object>.<hex unix nanos>; strictly increasing here, so two events in the same tick of
        // a coarse (or fake) clock still get distinct names.
        var nanos = Math.Max((now - DateTimeOffset.UnixEpoch).Ticks * 100, _lastNanos + 1);
        _lastNanos = nanos;
        var at = now.UtcDateTime;
        return new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                Name = $"{involved.Name}.{nanos.ToString("x", CultureInfo.InvariantCulture)}",
                NamespaceProperty = ns,
            },
            InvolvedObject = involved,
            Type = type,
            Reason = reason,
            Message = message,
            Count = 1,
            FirstTimestamp = at,
            LastTimestamp = at,
            Source = new V1EventSource { Component = _component, Host = _host },
            ReportingComponent = _component,
            ReportingInstance = _host ?? _component,
        };
    }

    private void Remember(EventKey key, Entry entry)
    {
        if (_seen.Count >= _cacheSize && !_seen.ContainsKey(key))
        {
            var oldest = _seen.MinBy(e => e.Value.LastSeen).Key;
            _seen.Remove(oldest);
        }

        _seen[key] = entry;
    }

    private static V1ObjectReference Reference(IKubernetesObject<V1ObjectMeta> obj)
    {
        var kind = KubeKind.TryOf(obj.GetType());
        var meta = obj.Metadata ?? throw new ArgumentException("the object has no metadata", nameof(obj));
        return new V1ObjectReference
        {
            Kind = obj.Kind ?? kind?.Kind,
            ApiVersion = obj.ApiVersion ?? kind?.ApiVersion,
            Name = meta.Name,
            NamespaceProperty = string.IsNullOrEmpty(meta.NamespaceProperty) ? null : meta.NamespaceProperty,
            Uid = meta.Uid,
        };
    }

    private static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class Entry(string name, int count, DateTimeOffset lastSeen)
    {
        public string Name { get; } = name;

        public int Count { get; set; } = count;

        public DateTimeOffset LastSeen { get; set; } = lastSeen;
    }
}
