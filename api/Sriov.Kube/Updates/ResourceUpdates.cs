using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Sriov.Kube.Client;

namespace Sriov.Kube.Updates;

/// <summary>
/// Read-modify-write with optimistic concurrency: get the object, let the caller change it, write it back with the
/// resourceVersion it was read at; on 409 Conflict (someone wrote in between) read again and re-apply the change, up to
/// <see cref="MaxAttempts"/> times. The change function runs on a fresh copy each time and returns false when there is
/// nothing to write (the write is then skipped, so an unchanged status costs one GET and no event for watchers).
/// </summary>
public static class ResourceUpdates
{
    /// <summary>Attempts before a conflict is given up (client-go's <c>retry.DefaultRetry</c> has five steps).</summary>
    public const int MaxAttempts = 5;

    /// <summary>Updates the status subresource (only <c>status</c> is written; the server ignores the rest).</summary>
    public static Task<T> UpdateStatusAsync<T>(this ResourceClient<T> client, ObjectKey key, Func<T, bool> mutate,
        CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        return RetryAsync(client, key, mutate, client.ReplaceStatusAsync, "update status of", ct);
    }

    /// <summary>
    /// JSON merge patch (RFC 7386) of the status subresource, computed from a fresh read: <paramref name="status"/>
    /// returns the patch of <c>status</c> (only the fields it names change, so status fields other writers own are kept),
    /// or null when there is nothing to write (then nothing is sent and the object as read is returned). The patch
    /// carries the resourceVersion it was computed from as a precondition, so a concurrent write is a 409, which is
    /// retried on a new read like <see cref="UpdateStatusAsync{T}"/> (upstream patches node-state status so, operator.md
    /// §4.2).
    /// </summary>
    public static Task<T> MergePatchStatusAsync<T>(this ResourceClient<T> client, ObjectKey key, Func<T, JsonNode?> status,
        CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(status);
        JsonNode? patch = null;
        return RetryAsync(client, key, current => (patch = status(current)) is not null,
            (current, token) => client.PatchStatusAsync(key, new V1Patch(new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = current.Metadata.ResourceVersion },
                ["status"] = patch,
            }, V1Patch.PatchType.MergePatch), token), "patch status of", ct);
    }

    /// <summary>Updates the object (spec and metadata; not status where the kind has a status subresource).</summary>
    public static Task<T> UpdateAsync<T>(this ResourceClient<T> client, ObjectKey key, Func<T, bool> mutate,
        CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        return RetryAsync(client, key, mutate, client.ReplaceAsync, "update", ct);
    }

    /// <summary>Sets (or, for null values, removes) annotations by merge patch; see <see cref="MetadataPatch"/>.</summary>
    public static Task<T> PatchAnnotationsAsync<T>(this ResourceClient<T> client, ObjectKey key,
        IReadOnlyDictionary<string, string?> annotations, string? resourceVersion = null, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PatchAsync(key, MetadataPatch.Annotations(annotations, resourceVersion), ct);
    }

    /// <summary>Sets (or, for null values, removes) labels by merge patch; see <see cref="MetadataPatch"/>.</summary>
    public static Task<T> PatchLabelsAsync<T>(this ResourceClient<T> client, ObjectKey key,
        IReadOnlyDictionary<string, string?> labels, string? resourceVersion = null, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PatchAsync(key, MetadataPatch.Labels(labels, resourceVersion), ct);
    }

    private static async Task<T> RetryAsync<T>(ResourceClient<T> client, ObjectKey key, Func<T, bool> mutate,
        Func<T, CancellationToken, Task<T>> write, string verb, CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(mutate);
        for (var attempt = 1; ; attempt++)
        {
            var current = await client.GetAsync(key, ct)
                          ?? throw new KubeApiException(404, "NotFound",
                              $"{verb} {client.Describe(key)}: the object does not exist");
            if (!mutate(current))
            {
                return current;
            }

            try
            {
                return await write(current, ct);
            }
            catch (KubeApiException e) when (e.IsConflict)
            {
                if (attempt >= MaxAttempts)
                {
                    throw new KubeApiException(e.Code, e.Reason,
                        $"{verb} {client.Describe(key)}: still conflicting after {attempt} attempts, another writer " +
                        $"keeps changing it ({e.Message})", e.Status, e);
                }
            }
        }
    }
}
