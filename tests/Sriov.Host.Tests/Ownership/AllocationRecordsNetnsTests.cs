using Sriov.Host.Namespaces;
using Sriov.Host.Ownership;
using Sriov.Host.Tests.Namespaces;

namespace Sriov.Host.Tests.Ownership;

[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class AllocationRecordsNetnsTests
{
    [Fact]
    public void A_record_is_live_while_its_netns_exists_and_has_the_recorded_inode()
    {
        using var netns = new TestNetns();
        var name = netns.Add();
        var path = "/run/netns/" + name;
        ulong inode;
        using (var ns = NetNs.Open(path))
        {
            inode = ns.Inode;
        }

        Assert.True(AllocationRecords.IsLive(new AllocationRecord("0000:3b:02.1", path, "c1", "net1", inode)));
        Assert.True(AllocationRecords.IsLive(new AllocationRecord("0000:3b:02.1", path, null, null, null)));
        // Same path, another namespace (a pod sandbox re-created under a reused name): the recorded owner is gone.
        Assert.False(AllocationRecords.IsLive(new AllocationRecord("0000:3b:02.1", path, "c1", "net1", inode + 1)));

        Shell.Check("ip", "netns", "del", name);

        Assert.False(AllocationRecords.IsLive(new AllocationRecord("0000:3b:02.1", path, "c1", "net1", inode)));
    }
}
