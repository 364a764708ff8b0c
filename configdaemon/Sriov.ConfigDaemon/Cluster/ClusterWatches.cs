using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Sriov.Api.Common;
using Sriov.Api.NodeStates;
using Sriov.Api.OperatorConfigs;
using Sriov.Kube.Client;
using Sriov.Kube.Events;
using Sriov.Kube.Informers;

namespace Sriov.ConfigDaemon.Cluster;

/// <summary>
/// The daemon's view of the cluster: clients for what it writes and an informer for each object it watches (operator.md
/// §4.1): its own SriovNetworkNodeState, <c>SriovOperatorConfig/default</c>, the <c>supported-nic-ids</c> ConfigMap, its
/// own Node, and the pods on its node in the operator namespace (the device plugin's, for the wait-for-config gate).
/// Every informer is limited to the one object (or the node's pods) by a field selector, as upstream restricts its
/// cache, so the daemon never lists what it does not need.
/// </summary>
internal sealed class ClusterWatches : IDisposable
{
    public const string FieldManager = "sriov-network-config-daemon";

    public ClusterWatches(IKubernetes kube, DaemonSettings settings, TimeProvider time, ILoggerFactory loggers)
    {
        States = new ResourceClient<SriovNetworkNodeState>(kube, FieldManager);
        Nodes = new ResourceClient<V1Node>(kube, FieldManager);
        Pods = new ResourceClient<V1Pod>(kube, FieldManager);
        StateKey = new ObjectKey(settings.Namespace, settings.NodeName);
        NodeKey = ObjectKey.Cluster(settings.NodeName);
        Events = new EventRecorder(new ResourceClient<Corev1Event>(kube, FieldManager), FieldManager, settings.NodeName, time,
            loggers.CreateLogger("events"));
        var log = loggers.CreateLogger("informer");
        StateInformer = new Informer<SriovNetworkNodeState>(States, Named(settings.Namespace, settings.NodeName), time, log);
        ConfigInformer = new Informer<SriovOperatorConfig>(new ResourceClient<SriovOperatorConfig>(kube, FieldManager),
            Named(settings.Namespace, SriovObjectNames.Default), time, log);
        NicIdsInformer = new Informer<V1ConfigMap>(new ResourceClient<V1ConfigMap>(kube, FieldManager),
            Named(settings.Namespace, SriovObjectNames.SupportedNicIdsConfigMap), time, log);
        NodeInformer = new Informer<V1Node>(Nodes, Named(null, settings.NodeName), time, log);
        PodInformer = new Informer<V1Pod>(Pods, new InformerOptions
        {
            Namespace = settings.Namespace,
            Selector = new ResourceSelector(Field: $"spec.nodeName={settings.NodeName}"),
        }, time, log);
    }

    public ObjectKey StateKey { get; }

    public ObjectKey NodeKey { get; }

    public ObjectKey ConfigKey => new(StateKey.Namespace, SriovObjectNames.Default);

    public ObjectKey NicIdsKey => new(StateKey.Namespace, SriovObjectNames.SupportedNicIdsConfigMap);

    public ResourceClient<SriovNetworkNodeState> States { get; }

    public ResourceClient<V1Node> Nodes { get; }

    public ResourceClient<V1Pod> Pods { get; }

    public EventRecorder Events { get; }

    public Informer<SriovNetworkNodeState> StateInformer { get; }

    public Informer<SriovOperatorConfig> ConfigInformer { get; }

    public Informer<V1ConfigMap> NicIdsInformer { get; }

    public Informer<V1Node> NodeInformer { get; }

    public Informer<V1Pod> PodInformer { get; }

    /// <summary>
    /// Calls <paramref name="changed"/> on every change that can change what a pass does. The node state, the Node and
    /// the pods wake it only when their generation or annotations changed (upstream's predicate on the node state,
    /// operator.md §4.1): the daemon's own status writes, and the kubelet's Node and Pod status updates, must not
    /// requeue the node at once, or a failing node would be retried in a tight loop and its failure backoff never
    /// waited. The operator config and the supported-nic-ids ConfigMap have no status the daemon writes: every change
    /// counts.
    /// </summary>
    public IReadOnlyList<IDisposable> Subscribe(Action changed) =>
    [
        StateInformer.Subscribe(e => Relevant(e, changed)),
        ConfigInformer.Subscribe(_ => changed()),
        NicIdsInformer.Subscribe(_ => changed()),
        NodeInformer.Subscribe(e => Relevant(e, changed)),
        PodInformer.Subscribe(e => Relevant(e, changed)),
    ];

    public Task RunAsync(CancellationToken ct) => Task.WhenAll(
        StateInformer.RunAsync(ct), ConfigInformer.RunAsync(ct), NicIdsInformer.RunAsync(ct), NodeInformer.RunAsync(ct), PodInformer.RunAsync(ct));

    public Task WaitForSyncAsync(CancellationToken ct) => Task.WhenAll(
        StateInformer.WaitForSyncAsync(ct), ConfigInformer.WaitForSyncAsync(ct), NicIdsInformer.WaitForSyncAsync(ct),
        NodeInformer.WaitForSyncAsync(ct), PodInformer.WaitForSyncAsync(ct));

    public void Dispose() => Events.Dispose();

    private static void Relevant<T>(InformerEvent<T> e, Action changed)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (InformerFilters.GenerationOrAnnotationsChanged(e))
        {
            changed();
        }
    }

    private static InformerOptions Named(string? ns, string name) => new() { Namespace = ns, Selector = ResourceSelector.Named(name) };
}
