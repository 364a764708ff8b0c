using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sriov.Cni.Config;
using Sriov.Cni.Journal;
using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

namespace Sriov.Cni.Tests.Core;

/// <summary>The journal on disk: our progress inside upstream's cache format, both ways.</summary>
public sealed class JournalCodecTests
{
    // The cache example of spec cni.md §2.7, as upstream sriov-cni writes it.
    private const string UpstreamCache = """
        {"MAC":"60:00:00:00:00:e1","MTU":1500,"Master":"enp175s0f1",
         "OrigVfState":{"AdminMAC":"ab:cd:ef:ab:cd:00","EffectiveMAC":"6e:16:06:0e:b7:e9",
           "HostIFName":"enp175s6","LinkState":0,"MTU":1500,"MaxTxRate":0,"MinTxRate":0,
           "SpoofChk":true,"Trust":false,"Vlan":0,"VlanProto":33024,"VlanQoS":0},
         "VFID":0,"cniVersion":"0.3.1","deviceID":"0000:af:06.0","ipam":{"type":"host-local"},
         "logLevel":"debug","max_tx_rate":null,"min_tx_rate":null,"name":"sriov-network",
         "runtimeConfig":{},"type":"sriov","vlan":1234,"vlanProto":"802.1q","vlanQoS":0}
        """;

    private static readonly Attachment Ctr = new("ctr1", "net1");

    [Theory]
    [InlineData("prepared")]
    [InlineData("pfConfig")]
    [InlineData("moveIssued")]
    [InlineData("moved")]
    [InlineData("ipamIssued")]
    [InlineData("ipamDone")]
    [InlineData("complete")]
    [InlineData("awaitingReturn")]
    public void A_journal_round_trips_in_every_phase(string name)
    {
        var phase = Enum.GetValues<JournalPhase>().Single(p => JournalCodec.PhaseName(p) == name);
        var journal = Full() with { Phase = phase };
        var bytes = JournalCodec.Write(journal);
        var read = JournalCodec.Read(bytes, new Attachment("ignored", "x"));

        Assert.Equal(phase, read.Phase);
        Assert.Equal(Ctr, read.Attachment); // our journals carry their attachment
        Assert.Equal(journal.Requested, read.Requested with { Vlan = read.Requested.Vlan });
        Assert.Equal(journal.Original with { AltNames = [] }, read.Original with { AltNames = [] });
        Assert.Equal(journal.Original.AltNames, read.Original.AltNames);
        Assert.Equal(journal.Issued, read.Issued);
        Assert.Equal((journal.NetnsPath, journal.NetnsInode, journal.Mode, journal.Driver), (read.NetnsPath, read.NetnsInode, read.Mode, read.Driver));
        Assert.Equal((journal.PfName, journal.VfIndex, journal.DeviceId, journal.Mtu), (read.PfName, read.VfIndex, read.DeviceId, read.Mtu));
        Assert.Equal((journal.PfRestored, journal.IpamReleased, journal.IpamType), (read.PfRestored, read.IpamReleased, read.IpamType));
        Assert.Equal(journal.Config!.Raw, read.Config!.Raw);
        Assert.False(read.Upstream);
        Assert.Equal(bytes, JournalCodec.Write(read));
    }

    [Fact]
    public void Unknown_original_values_and_a_userspace_mode_round_trip()
    {
        var journal = Full() with
        {
            Mode = VfMode.Userspace,
            Original = Full().Original with { SpoofCheck = null, Trust = null, LinkState = null, HostIfName = null, EffectiveMac = null, PfReported = false },
        };
        var read = JournalCodec.Read(JournalCodec.Write(journal), Ctr);
        Assert.Equal(VfMode.Userspace, read.Mode);
        Assert.Equal((null, null, null, false), (read.Original.SpoofCheck, read.Original.Trust, read.Original.LinkState, read.Original.PfReported));
    }

    [Fact]
    public void An_upstream_cache_reads_as_a_completed_add()
    {
        var read = JournalCodec.Read(Encoding.UTF8.GetBytes(UpstreamCache), Ctr);
        Assert.True(read.Upstream);
        Assert.Equal((JournalPhase.Complete, VfMode.Netdev, Ctr), (read.Phase, read.Mode, read.Attachment));
        Assert.Equal(("enp175s0f1", 0, "0000:af:06.0", 1500, "sriov-network", "0.3.1", "host-local"), (read.PfName, read.VfIndex, read.DeviceId, read.Mtu, read.NetworkName, read.CniVersion, read.IpamType));
        Assert.Equal((1234, 0, (VlanProtocol?)VlanProtocol.Dot1Q), read.Requested.Vlan);
        Assert.Equal(MacAddress.Parse("60:00:00:00:00:e1"), read.Requested.Mac);
        Assert.Null(read.Requested.Rate);
        Assert.Equal([PfSetting.Vlan, PfSetting.Mac], read.Issued);
        var o = read.Original;
        Assert.Equal(MacAddress.Parse("ab:cd:ef:ab:cd:00"), o.AdminMac);
        Assert.Equal(MacAddress.Parse("6e:16:06:0e:b7:e9"), o.EffectiveMac);
        Assert.Equal(("enp175s6", 1500, true, false, VfLinkState.Auto, VlanProtocol.Dot1Q), (o.HostIfName, o.Mtu, o.SpoofCheck, o.Trust, o.LinkState, o.VlanProtocol));
        Assert.True(o.PfReported);
        Assert.Empty(read.NetnsPath); // upstream keeps the netns in the allocation record only
    }

    [Fact]
    public void Upstream_keys_match_case_insensitively_and_null_is_absent()
    {
        const string cache = """
            {"mac":"02:00:00:00:00:02","mtu":9000,"master":"ens1f0","origvfstate":{"adminmac":"02:00:00:00:00:09","hostifname":"ens1f0v3","vlanproto":0,"spoofchk":null},
             "vfid":3,"DEVICEID":"0000:3b:02.3","Vlan":null,"VlanQoS":null,"Spoofchk":"ON","trust":"off","Link_State":"disable","min_tx_rate":10,"max_tx_rate":null,"Name":"n"}
            """;
        var read = JournalCodec.Read(Encoding.UTF8.GetBytes(cache), Ctr);
        Assert.Equal(("ens1f0", 3, "0000:3b:02.3", 9000, "n", "0.1.0"), (read.PfName, read.VfIndex, read.DeviceId, read.Mtu, read.NetworkName, read.CniVersion));
        Assert.Null(read.Requested.Vlan);
        Assert.Equal((false, false, VfLinkState.Disable), (read.Requested.SpoofCheck, read.Requested.Trust, read.Requested.LinkState)); // upstream: only "on" is on
        Assert.Equal((10, 0), read.Requested.Rate);
        Assert.Equal([PfSetting.Mac, PfSetting.Rate, PfSetting.SpoofCheck, PfSetting.Trust, PfSetting.LinkState], read.Issued);
        Assert.Equal(VlanProtocol.Dot1Q, read.Original.VlanProtocol); // an old cache's 0 is 802.1Q (spec cni.md §3.1)
        Assert.Equal("ens1f0v3", read.Original.HostIfName);
    }

    [Fact]
    public void An_upstream_cache_without_a_host_name_was_a_dpdk_vf()
    {
        var cache = JsonNode.Parse(UpstreamCache)!;
        cache["OrigVfState"]!["HostIFName"] = string.Empty;
        Assert.Equal(VfMode.Userspace, JournalCodec.Read(Encoding.UTF8.GetBytes(cache.ToJsonString()), Ctr).Mode);
    }

    [Fact]
    public void Our_journal_carries_every_upstream_key_with_upstreams_types_and_order()
    {
        var json = JsonDocument.Parse(JournalCodec.Write(Full() with { Phase = JournalPhase.Moved })).RootElement;
        var keys = json.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        foreach (var (key, kind) in new (string, JsonValueKind)[]
        {
            ("MAC", JsonValueKind.String), ("MTU", JsonValueKind.Number), ("Master", JsonValueKind.String), ("OrigVfState", JsonValueKind.Object),
            ("VFID", JsonValueKind.Number), ("cniVersion", JsonValueKind.String), ("deviceID", JsonValueKind.String), ("ipam", JsonValueKind.Object),
            ("name", JsonValueKind.String), ("runtimeConfig", JsonValueKind.Object), ("type", JsonValueKind.String), ("vlan", JsonValueKind.Number),
            ("vlanQoS", JsonValueKind.Number), ("vlanProto", JsonValueKind.String), ("min_tx_rate", JsonValueKind.Number), ("max_tx_rate", JsonValueKind.Number),
            ("spoofchk", JsonValueKind.String), ("trust", JsonValueKind.String), ("link_state", JsonValueKind.String), ("logLevel", JsonValueKind.String),
        })
        {
            Assert.Equal(kind, json.GetProperty(key).ValueKind);
        }

        var orig = json.GetProperty("OrigVfState");
        Assert.Equal(
            ["AdminMAC", "EffectiveMAC", "HostIFName", "LinkState", "MTU", "MaxTxRate", "MinTxRate", "SpoofChk", "Trust", "Vlan", "VlanProto", "VlanQoS"],
            orig.EnumerateObject().Select(p => p.Name));
        Assert.Equal(33024, orig.GetProperty("VlanProto").GetInt32());
        Assert.Equal("host-local", json.GetProperty("ipam").GetProperty("type").GetString());
        Assert.Equal("10.0.0.0/24", json.GetProperty("ipam").GetProperty("subnet").GetString()); // the whole ipam object, not only its type
    }

    [Fact]
    public void Without_our_journal_key_the_file_is_an_upstream_cache_with_the_same_vf_state()
    {
        var journal = Full() with { Phase = JournalPhase.Complete };
        var node = JsonNode.Parse(JournalCodec.Write(journal))!.AsObject();
        node.Remove("journal");
        var asUpstream = JournalCodec.Read(Encoding.UTF8.GetBytes(node.ToJsonString()), Ctr);
        Assert.True(asUpstream.Upstream);
        Assert.Equal(journal.Requested.Mac, asUpstream.Requested.Mac);
        Assert.Equal(journal.Requested.SpoofCheck, asUpstream.Requested.SpoofCheck);
        Assert.Equal((journal.Original.AdminMac, journal.Original.EffectiveMac, journal.Original.HostIfName, journal.Original.Mtu, journal.Original.Vlan),
            (asUpstream.Original.AdminMac, asUpstream.Original.EffectiveMac, asUpstream.Original.HostIfName, asUpstream.Original.Mtu, asUpstream.Original.Vlan));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("""{"name":"n"}""")]
    [InlineData("""{"deviceID":"0000:af:06.0","Master":"pf","journal":{"phase":"flying"}}""")]
    [InlineData("""{"deviceID":"0000:af:06.0","Master":"pf","journal":{"phase":"complete","issued":["colour"]}}""")]
    [InlineData("""{"deviceID":"0000:af:06.0","Master":"pf","VFID":"x"}""")]
    public void Files_that_are_not_journals_are_refused(string text)
    {
        Assert.Throws<JournalFormatException>(() => JournalCodec.Read(Encoding.UTF8.GetBytes(text), Ctr));
    }

    [Fact]
    public void The_store_writes_atomically_with_private_modes_and_lists_journals()
    {
        var dir = Path.Join(Directory.CreateTempSubdirectory("s5-journal-").FullName, "state");
        try
        {
            var store = new JournalStore(dir);
            Assert.Null(store.Read(Ctr));
            Assert.Empty(store.List());
            store.Write(Full());
            store.Write(Full() with { Phase = JournalPhase.Complete });
            Directory.CreateDirectory(Path.Join(dir, "pci"));
            Assert.Equal([Ctr.FileName], store.List());
            Assert.Equal(JournalPhase.Complete, store.Read(Ctr)!.Phase);
            Assert.Equal(JournalPhase.Complete, store.ReadFile("ctr1-net1").Phase);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.PathFor(Ctr)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
            Assert.DoesNotContain(Directory.GetFiles(dir), f => f.Contains(".tmp-", StringComparison.Ordinal));
            store.Delete(Ctr);
            Assert.Null(store.Read(Ctr));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
        }
    }

    internal static AttachmentJournal Full() => new()
    {
        Attachment = Ctr,
        NetworkName = "sriov-net",
        CniVersion = "1.0.0",
        NetnsPath = "/var/run/netns/pod1",
        NetnsInode = 4026532320,
        DeviceId = "0000:af:06.0",
        PfName = "ens1f0",
        VfIndex = 5,
        Mode = VfMode.Netdev,
        Driver = "iavf",
        Requested = new PfSettings
        {
            Vlan = (100, 3, VlanProtocol.Dot1AD),
            Mac = MacAddress.Parse("02:00:00:00:00:01"),
            Rate = (10, 100),
            SpoofCheck = false,
            Trust = true,
            LinkState = VfLinkState.Enable,
        },
        Mtu = 9000,
        Original = new OriginalVfState
        {
            PfReported = true,
            AdminMac = MacAddress.Parse("02:aa:00:00:00:05"),
            Vlan = 7,
            Qos = 1,
            VlanProtocol = VlanProtocol.Dot1Q,
            SpoofCheck = true,
            Trust = false,
            MinTxRate = 0,
            MaxTxRate = 50,
            LinkState = VfLinkState.Auto,
            HostIfName = "ens1f0v5",
            HostIfIndex = 42,
            EffectiveMac = MacAddress.Parse("6e:16:06:0e:b7:e9"),
            Mtu = 9000,
            AltNames = ["enp59s0f0v5"],
        },
        Phase = JournalPhase.IpamIssued,
        Issued = [PfSetting.Vlan, PfSetting.Mac],
        PfRestored = true,
        IpamReleased = false,
        Config = NetConfLoader.Load(Encoding.UTF8.GetBytes(
            """{"cniVersion":"1.0.0","name":"sriov-net","type":"sriov","deviceID":"0000:af:06.0","logLevel":"debug","ipam":{"type":"host-local","subnet":"10.0.0.0/24"}}""")),
        IpamType = "host-local",
    };
}
