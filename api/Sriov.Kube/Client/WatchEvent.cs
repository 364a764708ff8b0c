using k8s;

namespace Sriov.Kube.Client;

/// <summary>One event of a watch stream: ADDED, MODIFIED, DELETED or BOOKMARK (whose item carries only
/// <c>metadata.resourceVersion</c>). ERROR events never appear: they are thrown as <see cref="KubeApiException"/>.</summary>
public readonly record struct WatchEvent<T>(WatchEventType Type, T Item);
