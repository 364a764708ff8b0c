using k8s.Models;

namespace Sriov.Sim.Tests.ApiServer.Client;

/// <summary>Pod builders for tests.</summary>
public static class Pods
{
    public static V1Pod Pod(string name, string node, Dictionary<string, string> labels) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1PodSpec
        {
            NodeName = node,
            Containers = [new V1Container { Name = "c", Image = "busybox:1" }],
        },
    };

    public static V1PodStatus Ready(bool ready) => new()
    {
        Phase = "Running",
        Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
    };
}
