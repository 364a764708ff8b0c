using k8s;
using k8s.Models;
using Sriov.Kube.Client;
using Sriov.Kube.Informers;

namespace Sriov.Kube.Tests.Informers;

/// <summary>An informer running in the background with an <see cref="EventLog{T}"/> subscribed; disposing stops it
/// and checks that it stopped cleanly.</summary>
internal sealed class RunningInformer<T> : IAsyncDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private RunningInformer(Informer<T> informer)
    {
        Informer = informer;
        informer.Subscribe(Events.Record);
        _run = Task.Run(() => informer.RunAsync(_stop.Token));
    }

    public Informer<T> Informer { get; }

    public EventLog<T> Events { get; } = new();

    public static RunningInformer<T> Start(ResourceClient<T> client, InformerOptions? options = null,
        TimeProvider? time = null) => new(new Informer<T>(client, options, time));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
