using Sriov.Kube.Informers;
using Sriov.Kube.Tests.Support;

namespace Sriov.Kube.Tests.Informers;

internal static class FastInformer
{
    /// <summary>The harness namespace, with backoffs short enough that a retried failure costs milliseconds.</summary>
    public static InformerOptions InNs { get; } = new()
    {
        Namespace = KubeHarness.Ns,
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
    };
}
