using k8s.Models;
using Sriov.Api.NodeStates;
using Sriov.Kube.Client;
using Sriov.Kube.Informers;

namespace Sriov.Kube.Tests.Informers;

/// <summary>controller-runtime's generation-or-annotations predicate: status-only updates do not pass.</summary>
public sealed class InformerFiltersTests
{
    [Theory]
    [InlineData(InformerEventType.Added, 1, 1, "", "", "", "", true)]
    [InlineData(InformerEventType.Deleted, 1, 1, "", "", "", "", true)]
    [InlineData(InformerEventType.Modified, 1, 1, "", "", "InProgress", "Failed", false)] // the daemon's own status write
    [InlineData(InformerEventType.Modified, 1, 1, "", "", "", "", false)] // resourceVersion only (e.g. managedFields)
    [InlineData(InformerEventType.Modified, 1, 2, "", "", "Failed", "Failed", true)] // spec changed
    [InlineData(InformerEventType.Modified, 3, 3, "", "current-state=Idle", "", "", true)] // annotation added
    [InlineData(InformerEventType.Modified, 3, 3, "current-state=Idle", "current-state=Draining", "", "", true)] // value changed
    [InlineData(InformerEventType.Modified, 3, 3, "current-state=Idle,x=1", "current-state=Idle", "", "", true)] // removed
    [InlineData(InformerEventType.Modified, 3, 3, "a=1,b=2", "b=2,a=1", "Succeeded", "Failed", false)] // same map
    public void Only_spec_and_annotation_changes_pass(
        InformerEventType type, long generationBefore, long generationAfter, string annotationsBefore, string annotationsAfter,
        string statusBefore, string statusAfter, bool passes)
    {
        var before = State(generationBefore, annotationsBefore, statusBefore, "1");
        var after = State(generationAfter, annotationsAfter, statusAfter, "2");
        var e = new InformerEvent<SriovNetworkNodeState>(type, ObjectKey.Of(after), after, type == InformerEventType.Added ? null : before);

        Assert.Equal(passes, InformerFilters.GenerationOrAnnotationsChanged(e));
    }

    [Fact]
    public void A_modified_event_without_a_previous_state_passes()
    {
        var item = State(1, "", "", "2");

        Assert.True(InformerFilters.GenerationOrAnnotationsChanged(new InformerEvent<SriovNetworkNodeState>(InformerEventType.Modified, ObjectKey.Of(item), item, null)));
    }

    private static SriovNetworkNodeState State(long generation, string annotations, string syncStatus, string resourceVersion) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "node-1",
            NamespaceProperty = "ns",
            Generation = generation,
            ResourceVersion = resourceVersion,
            Annotations = annotations.Length == 0
                ? null
                : annotations.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]),
        },
        Status = new SriovNetworkNodeStateStatus { SyncStatus = syncStatus },
    };
}
