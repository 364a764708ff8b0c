using System.Text;
using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.Records;

namespace Sriov.ConfigDaemon.Tests.Records;

/// <summary>The per-PF records in upstream's format (Go's json.Marshal of the spec's Interface).</summary>
public sealed class PfRecordTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pfrecords-").FullName;

    [Fact]
    public void Written_record_is_byte_for_byte_what_upstream_writes()
    {
        var spec = new InterfaceSpec
        {
            PciAddress = "0000:3b:00.0",
            NumVfs = 4,
            Mtu = 9000,
            Name = "ens1f0",
            VfGroups =
            [
                new VfGroup { ResourceName = "dpdk", DeviceType = "vfio-pci", VfRange = "0-1", PolicyName = "p1", IsRdma = false },
                new VfGroup { ResourceName = "net", DeviceType = "netdevice", VfRange = "2-3", PolicyName = "p2", Mtu = 9000, IsRdma = true },
            ],
            ExternallyManaged = false,
        };

        PfRecordStore.Write(_dir, new PfRecord(spec));

        Assert.Equal(
            """{"pciAddress":"0000:3b:00.0","numVfs":4,"mtu":9000,"name":"ens1f0","vfGroups":[{"resourceName":"dpdk","deviceType":"vfio-pci","vfRange":"0-1","policyName":"p1"},{"resourceName":"net","deviceType":"netdevice","vfRange":"2-3","policyName":"p2","mtu":9000,"isRdma":true}]}""",
            File.ReadAllText(Path.Join(_dir, "pci", "0000:3b:00.0")));
    }

    [Fact]
    public void Our_original_mtu_and_the_externally_managed_flag_come_last()
    {
        PfRecordStore.Write(_dir, new PfRecord(new InterfaceSpec { PciAddress = "0000:3b:00.1", NumVfs = 2, ExternallyManaged = true }, OriginalMtu: 1500));

        Assert.Equal("""{"pciAddress":"0000:3b:00.1","numVfs":2,"externallyManaged":true,"originalMtu":1500}""", File.ReadAllText(Path.Join(_dir, "pci", "0000:3b:00.1")));
    }

    [Fact]
    public void Records_written_by_upstream_are_read()
    {
        Directory.CreateDirectory(Path.Join(_dir, "pci"));
        // As upstream's daemon leaves them (one per PF; it also writes externallyManaged PFs).
        File.WriteAllText(Path.Join(_dir, "pci", "0000:af:00.0"), """{"pciAddress":"0000:af:00.0","numVfs":8,"name":"ens3f0np0","linkType":"eth","vfGroups":[{"resourceName":"cx6","deviceType":"netdevice","vfRange":"0-7","policyName":"policy-1","isRdma":true}]}""");
        File.WriteAllText(Path.Join(_dir, "pci", "0000:af:00.1"), """{"pciAddress":"0000:af:00.1","numVfs":2,"externallyManaged":true}""");
        File.WriteAllText(Path.Join(_dir, "pci", "0000:af:00.2"), "{not json");
        File.WriteAllText(Path.Join(_dir, "pci", "README"), "not a record");

        var records = PfRecordStore.ReadAll(_dir);

        Assert.Equal(["0000:af:00.0", "0000:af:00.1", "0000:af:00.2"], records.Keys.Order());
        var first = records["0000:af:00.0"];
        Assert.Equal((8, "ens3f0np0", "eth", false), (first.Applied.NumVfs, first.Applied.Name, first.Applied.LinkType, first.ExternallyManaged));
        Assert.Equal(("cx6", "0-7", true), (first.Applied.VfGroups![0].ResourceName, first.Applied.VfGroups[0].VfRange, first.Applied.VfGroups[0].IsRdma));
        Assert.True(records["0000:af:00.1"].ExternallyManaged);
        Assert.NotNull(records["0000:af:00.2"].Malformed); // still ours: a reset must not forget the VFs we made
    }

    [Fact]
    public void Reading_our_record_back_gives_the_same_bytes()
    {
        var text = """{"pciAddress":"0000:3b:00.0","numVfs":4,"mtu":9000,"name":"ens1f0","linkType":"ETH","vfGroups":[{"resourceName":"net","deviceType":"netdevice","vfRange":"0-3","policyName":"p","mtu":9000,"isRdma":true,"vdpaType":"virtio"}],"externallyManaged":true,"originalMtu":1500}""";

        var record = PfRecordStore.Parse("0000:3b:00.0", text);

        Assert.Equal(text, Encoding.UTF8.GetString(PfRecordJson.Serialize(record)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
