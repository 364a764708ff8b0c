using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Sriov.Kube.Client;

/// <summary>
/// Typed get/list/watch/create/replace/patch/delete, and the status subresource, for any kind described by a
/// <see cref="KubeKind"/>: our CRDs and the core kinds alike. Every call goes through KubernetesClient's generic
/// custom-object operations, which build <c>/api/v1/...</c> for the core group and <c>/apis/G/V/...</c> otherwise, so
/// authentication, TLS and the injected <see cref="DelegatingHandler"/>s of the <see cref="IKubernetes"/> apply. Refusals
/// are thrown as <see cref="KubeApiException"/>; a missing object on <see cref="GetAsync"/> is null.
/// </summary>
/// <typeparam name="T">A type with a <see cref="KubernetesEntityAttribute"/>.</typeparam>
public sealed class ResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ICustomObjectsOperations _ops;
    private readonly string? _fieldManager;

    /// <param name="kubernetes">The client; build it with <c>new Kubernetes(config, handlers)</c> to inject a handler.</param>
    /// <param name="fieldManager">Recorded in <c>managedFields</c> for every write (e.g. the binary's name).</param>
    public ResourceClient(IKubernetes kubernetes, string? fieldManager = null)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        _ops = kubernetes.CustomObjects;
        _fieldManager = fieldManager;
        Kind = KubeKind.Of<T>();
    }

    public KubeKind Kind { get; }

    /// <summary>The object, or null when it does not exist (404).</summary>
    public async Task<T?> GetAsync(ObjectKey key, CancellationToken ct = default)
    {
        try
        {
            return await CallAsync($"get {Describe(key)}", () => key.Namespace is null
                ? _ops.GetClusterCustomObjectWithHttpMessagesAsync<T>(Kind.Group, Kind.Version, Kind.Plural, key.Name,
                    cancellationToken: ct)
                : _ops.GetNamespacedCustomObjectWithHttpMessagesAsync<T>(Kind.Group, Kind.Version, key.Namespace,
                    Kind.Plural, key.Name, cancellationToken: ct));
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Lists the objects of one namespace, or of all namespaces (and cluster-scoped kinds) when
    /// <paramref name="namespace"/> is null. Items get <c>apiVersion</c> and <c>kind</c>, which the API server leaves out
    /// of list items.</summary>
    public async Task<KubernetesList<T>> ListAsync(string? @namespace = null, ResourceSelector? selector = null,
        CancellationToken ct = default)
    {
        selector ??= ResourceSelector.All;
        var list = await CallAsync($"list {Kind} in {Scope(@namespace)} ({selector})", () => @namespace is null
            ? _ops.ListClusterCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(Kind.Group, Kind.Version, Kind.Plural,
                fieldSelector: selector.Field, labelSelector: selector.Label, cancellationToken: ct)
            : _ops.ListNamespacedCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(Kind.Group, Kind.Version,
                @namespace, Kind.Plural, fieldSelector: selector.Field, labelSelector: selector.Label,
                cancellationToken: ct));
        list.Items ??= [];
        foreach (var item in list.Items)
        {
            item.ApiVersion ??= Kind.ApiVersion;
            item.Kind ??= Kind.Kind;
        }

        return list;
    }

    /// <summary>
    /// One watch request from <paramref name="resourceVersion"/> (null: the current objects as ADDED first). The
    /// stream ends normally when the server ends it (<paramref name="timeout"/> becomes <c>timeoutSeconds</c>), also when
    /// it ends with no line at all, which KubernetesClient reports as an exception (csharp#893). An ERROR event is
    /// thrown as <see cref="KubeApiException"/> (410 <see cref="KubeApiException.IsGone"/> when the resourceVersion is
    /// too old), where KubernetesClient would only hand it to a callback and end the stream as if nothing happened.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, ResourceSelector? selector,
        string? resourceVersion, TimeSpan? timeout = null, bool allowBookmarks = true,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        selector ??= ResourceSelector.All;
        var what = $"watch {Kind} in {Scope(@namespace)} ({selector}) from resourceVersion {resourceVersion ?? "(none)"}";
        int? timeoutSeconds = timeout is { } t ? (int)Math.Max(1, Math.Ceiling(t.TotalSeconds)) : null;
        HttpOperationResponse<object>? response;
        try
        {
            response = await (@namespace is null
                ? _ops.ListClusterCustomObjectWithHttpMessagesAsync<object>(Kind.Group, Kind.Version, Kind.Plural,
                    allowWatchBookmarks: allowBookmarks, fieldSelector: selector.Field, labelSelector: selector.Label,
                    resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: ct)
                : _ops.ListNamespacedCustomObjectWithHttpMessagesAsync<object>(Kind.Group, Kind.Version, @namespace,
                    Kind.Plural, allowWatchBookmarks: allowBookmarks, fieldSelector: selector.Field,
                    labelSelector: selector.Label, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
                    watch: true, cancellationToken: ct));
        }
        catch (HttpOperationException e)
        {
            throw KubeApiException.From(e, what);
        }
        catch (HttpRequestException e) when (IsEmptyStreamEnd(e))
        {
            response = null;
        }

        if (response is null)
        {
            yield break;
        }

        using (response)
        {
#pragma warning disable CS0618 // The response-task form is the only one that takes a request built with a resourceVersion.
            var events = Task.FromResult(response).WatchAsync<T, object>(e => Rethrow(e, what), ct);
#pragma warning restore CS0618
            await using var enumerator = events.GetAsyncEnumerator(ct);
            while (await NextAsync(enumerator))
            {
                var (type, obj) = enumerator.Current;
                yield return new WatchEvent<T>(type, obj);
            }
        }
    }

    public Task<T> CreateAsync(T obj, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var key = ObjectKey.Of(obj);
        return CallAsync($"create {Describe(key)}", () => key.Namespace is null
            ? _ops.CreateClusterCustomObjectWithHttpMessagesAsync<T>(obj, Kind.Group, Kind.Version, Kind.Plural,
                fieldManager: _fieldManager, cancellationToken: ct)
            : _ops.CreateNamespacedCustomObjectWithHttpMessagesAsync<T>(obj, Kind.Group, Kind.Version, key.Namespace,
                Kind.Plural, fieldManager: _fieldManager, cancellationToken: ct));
    }

    /// <summary>PUT of the whole object. Its <c>metadata.resourceVersion</c> is the precondition: a stale one is a 409
    /// <see cref="KubeApiException.IsConflict"/>.</summary>
    public Task<T> ReplaceAsync(T obj, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var key = ObjectKey.Of(obj);
        return CallAsync($"replace {Describe(key)}", () => key.Namespace is null
            ? _ops.ReplaceClusterCustomObjectWithHttpMessagesAsync<T>(obj, Kind.Group, Kind.Version, Kind.Plural,
                key.Name, fieldManager: _fieldManager, cancellationToken: ct)
            : _ops.ReplaceNamespacedCustomObjectWithHttpMessagesAsync<T>(obj, Kind.Group, Kind.Version, key.Namespace,
                Kind.Plural, key.Name, fieldManager: _fieldManager, cancellationToken: ct));
    }

    /// <summary>PUT on the status subresource: only <c>status</c> changes; the resourceVersion is the precondition.</summary>
    public Task<T> ReplaceStatusAsync(T obj, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var key = ObjectKey.Of(obj);
        return CallAsync($"replace status of {Describe(key)}", () => key.Namespace is null
            ? _ops.ReplaceClusterCustomObjectStatusWithHttpMessagesAsync<T>(obj, Kind.Group, Kind.Version, Kind.Plural,
                key.Name, fieldManager: _fieldManager, cancellationToken: ct)
            : _ops.ReplaceNamespacedCustomObjectStatusWithHttpMessagesAsync<T>(obj, Kind.Group, Kind.Version,
                key.Namespace, Kind.Plural, key.Name, fieldManager: _fieldManager, cancellationToken: ct));
    }

    /// <summary>PATCH of the object (merge, JSON or apply patch; strategic merge for built-in kinds only).</summary>
    public Task<T> PatchAsync(ObjectKey key, V1Patch patch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return CallAsync($"patch ({patch.Type}) {Describe(key)}", () => key.Namespace is null
            ? _ops.PatchClusterCustomObjectWithHttpMessagesAsync<T>(patch, Kind.Group, Kind.Version, Kind.Plural,
                key.Name, fieldManager: _fieldManager, cancellationToken: ct)
            : _ops.PatchNamespacedCustomObjectWithHttpMessagesAsync<T>(patch, Kind.Group, Kind.Version, key.Namespace,
                Kind.Plural, key.Name, fieldManager: _fieldManager, cancellationToken: ct));
    }

    /// <summary>PATCH of the status subresource.</summary>
    public Task<T> PatchStatusAsync(ObjectKey key, V1Patch patch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return CallAsync($"patch ({patch.Type}) status of {Describe(key)}", () => key.Namespace is null
            ? _ops.PatchClusterCustomObjectStatusWithHttpMessagesAsync<T>(patch, Kind.Group, Kind.Version, Kind.Plural,
                key.Name, fieldManager: _fieldManager, cancellationToken: ct)
            : _ops.PatchNamespacedCustomObjectStatusWithHttpMessagesAsync<T>(patch, Kind.Group, Kind.Version,
                key.Namespace, Kind.Plural, key.Name, fieldManager: _fieldManager, cancellationToken: ct));
    }

    /// <summary>Deletes the object; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ObjectKey key, CancellationToken ct = default)
    {
        try
        {
            await CallAsync($"delete {Describe(key)}", () => key.Namespace is null
                ? _ops.DeleteClusterCustomObjectWithHttpMessagesAsync<object>(Kind.Group, Kind.Version, Kind.Plural,
                    key.Name, cancellationToken: ct)
                : _ops.DeleteNamespacedCustomObjectWithHttpMessagesAsync<object>(Kind.Group, Kind.Version,
                    key.Namespace, Kind.Plural, key.Name, cancellationToken: ct));
            return true;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    internal string Describe(ObjectKey key) => $"{Kind.Kind} {key}";

    private static string Scope(string? ns) => ns is null ? "all namespaces" : $"namespace {ns}";

    private static async Task<TResult> CallAsync<TResult>(string what, Func<Task<HttpOperationResponse<TResult>>> call)
    {
        try
        {
            using var response = await call();
            return response.Body;
        }
        catch (HttpOperationException e)
        {
            throw KubeApiException.From(e, what);
        }
    }

    private static async Task<bool> NextAsync(IAsyncEnumerator<(WatchEventType, T)> enumerator)
    {
        try
        {
            return await enumerator.MoveNextAsync();
        }
        catch (HttpRequestException e) when (IsEmptyStreamEnd(e))
        {
            return false;
        }
    }

    // KubernetesClient peeks at the first line of a watch response; a stream the server ends without any line (an idle
    // watch reaching timeoutSeconds) surfaces as "Error while copying content to a stream" over EndOfStreamException.
    private static bool IsEmptyStreamEnd(HttpRequestException e) => e.InnerException is EndOfStreamException;

    private static void Rethrow(Exception e, string what)
    {
        if (e is KubernetesException k)
        {
            throw KubeApiException.From(k, what);
        }

        ExceptionDispatchInfo.Throw(e);
    }
}
