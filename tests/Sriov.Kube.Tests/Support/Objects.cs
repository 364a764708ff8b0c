using k8s.Models;
using Sriov.Api.NodeStates;

namespace Sriov.Kube.Tests.Support;

/// <summary>Small objects for tests.</summary>
public static class Objects
{
    public static V1ConfigMap ConfigMap(string name, string ns = KubeHarness.Ns, IDictionary<string, string>? labels = null,
        IDictionary<string, string>? data = null) =>
        new()
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
            Data = data,
        };

    public static V1Node Node(string name, IDictionary<string, string>? labels = null) =>
        new() { Metadata = new V1ObjectMeta { Name = name, Labels = labels } };

    public static SriovNetworkNodeState NodeState(string name) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = KubeHarness.Ns } };
}
