using Sriov.Kube.Client;

namespace Sriov.Kube.Informers;

/// <summary>
/// A change of the informer's cache. <see cref="Item"/> is the new state (for <see cref="InformerEventType.Deleted"/>,
/// the last state known); <see cref="Previous"/> is the cached state before a Modified or Deleted.
/// </summary>
public sealed record InformerEvent<T>(InformerEventType Type, ObjectKey Key, T Item, T? Previous)
    where T : class;
