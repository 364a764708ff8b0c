using Sriov.Host.Ownership;

namespace Sriov.Host.Tests.Ownership;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AllocationRecordsTests : IDisposable
{
    private const string Vf = "0000:3b:02.1";
    private readonly string _dir = Directory.CreateTempSubdirectory("alloc-").FullName;
    private readonly HostRoot _root;

    public AllocationRecordsTests() => _root = new HostRoot(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_vf_without_a_record_reads_as_null()
    {
        Assert.Null(AllocationRecords.Read(_root, Vf));
        Assert.Empty(AllocationRecords.ReadAll(_root));
    }

    [Fact]
    public void Our_record_round_trips_and_its_main_file_is_the_upstream_format()
    {
        var record = new AllocationRecord(Vf, "/var/run/netns/cni-1", "c0ffee", "net1", 4026532320);
        AllocationRecords.Write(_root, record);

        Assert.Equal(record, AllocationRecords.Read(_root, Vf));
        var main = Path.Join(_dir, "var/lib/cni/sriov/pci", Vf);
        Assert.Equal("/var/run/netns/cni-1", File.ReadAllText(main));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(main));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(main)!, "*.tmp-*"));
    }

    [Fact]
    public void A_record_written_by_upstream_has_only_the_netns_path()
    {
        var dir = Path.Join(_dir, "var/lib/cni/sriov/pci");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Join(dir, Vf), "/var/run/netns/cni-up\n");

        var record = AllocationRecords.Read(_root, Vf)!;

        Assert.True(record.IsUpstreamFormat);
        Assert.Equal("/var/run/netns/cni-up", record.NetnsPath);
        Assert.Null(record.ContainerId);
        Assert.True(record.Names("any", "net9", "/var/run/netns/cni-up"));
        Assert.False(record.Names("any", "net9", "/var/run/netns/other"));
    }

    [Fact]
    public void An_owner_file_for_another_netns_is_ignored()
    {
        AllocationRecords.Write(_root, new AllocationRecord(Vf, "/var/run/netns/old", "c1", "net1", 1));
        // An upstream plugin replaced the record and knows nothing of the owner file.
        File.WriteAllText(AllocationRecords.PathFor(_root, Vf), "/var/run/netns/new");

        var record = AllocationRecords.Read(_root, Vf)!;

        Assert.True(record.IsUpstreamFormat);
        Assert.Equal("/var/run/netns/new", record.NetnsPath);
    }

    [Theory]
    [InlineData("{\"netns\":")]
    [InlineData("[]")]
    [InlineData("{\"netns\":\"/var/run/netns/a\",\"containerID\":\"\",\"ifname\":\"net1\"}")]
    [InlineData("{\"netns\":\"/var/run/netns/a\",\"containerID\":5,\"ifname\":\"net1\"}")]
    public void A_torn_or_foreign_owner_file_falls_back_to_the_upstream_record(string owner)
    {
        AllocationRecords.Write(_root, new AllocationRecord(Vf, "/var/run/netns/a", null, null, null));
        File.WriteAllText(AllocationRecords.PathFor(_root, Vf) + ".owner", owner);

        var record = AllocationRecords.Read(_root, Vf)!;

        Assert.True(record.IsUpstreamFormat);
        Assert.Equal("/var/run/netns/a", record.NetnsPath);
    }

    [Fact]
    public void Names_compares_container_and_ifname_for_our_records()
    {
        var record = new AllocationRecord(Vf, "/var/run/netns/a", "c1", "net1", null);

        Assert.True(record.Names("c1", "net1", "/elsewhere"));
        Assert.False(record.Names("c2", "net1", "/var/run/netns/a"));
        Assert.False(record.Names("c1", "net2", "/var/run/netns/a"));
        Assert.Contains("container c1 interface net1", record.Owner, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_removes_both_files_and_tolerates_missing_ones()
    {
        AllocationRecords.Write(_root, new AllocationRecord(Vf, "/var/run/netns/a", "c1", "net1", null));
        AllocationRecords.Delete(_root, Vf);
        AllocationRecords.Delete(_root, Vf);

        Assert.Null(AllocationRecords.Read(_root, Vf));
        Assert.False(File.Exists(AllocationRecords.PathFor(_root, Vf) + ".owner"));
    }

    [Fact]
    public void ReadAll_lists_records_in_address_order_and_skips_other_files()
    {
        AllocationRecords.Write(_root, new AllocationRecord("0000:3b:02.3", "/n/b", "c2", "net1", null));
        AllocationRecords.Write(_root, new AllocationRecord("0000:3b:02.0", "/n/a", null, null, null));
        Directory.CreateDirectory(Path.Join(_dir, "var/lib/cni/sriov/pci/vf_lock"));

        var all = AllocationRecords.ReadAll(_root);

        Assert.Equal(["0000:3b:02.0", "0000:3b:02.3"], all.Select(r => r.PciAddress));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("0000:3B:02.1")]
    [InlineData("")]
    public void A_bad_pci_address_never_becomes_a_path(string address)
    {
        var e = Assert.Throws<ArgumentException>(() => AllocationRecords.PathFor(_root, address));
        Assert.Contains($"\"{address}\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_whose_netns_path_is_gone_or_not_a_netns_is_not_live()
    {
        Assert.False(AllocationRecords.IsLive(new AllocationRecord(Vf, Path.Join(_dir, "missing"), null, null, null)));
        var plain = Path.Join(_dir, "plain");
        File.WriteAllText(plain, "x");
        Assert.False(AllocationRecords.IsLive(new AllocationRecord(Vf, plain, null, null, null)));
    }

    [Fact]
    public void A_non_durable_write_gives_the_same_files()
    {
        var record = new AllocationRecord(Vf, "/var/run/netns/cni-2", "c2", "net2", 7);
        AllocationRecords.Write(_root, record, durable: false);
        Assert.Equal(record, AllocationRecords.Read(_root, Vf));
        Assert.Equal("/var/run/netns/cni-2", File.ReadAllText(AllocationRecords.PathFor(_root, Vf)));
    }

    [Fact]
    public void A_state_directory_override_moves_records_and_locks()
    {
        var state = Path.Join(_dir, "elsewhere");
        var root = new HostRoot(_dir, state);
        Assert.Equal(state, root.CniState);
        AllocationRecords.Write(root, new AllocationRecord(Vf, "/var/run/netns/cni-3", "c3", "net3", null));
        Assert.True(File.Exists(Path.Join(state, "pci", Vf)));
        Assert.Equal(Path.Join(state, "pci", "vf_lock", Vf + ".lock"), Sriov.Host.Locks.VfLock.PathFor(root, Vf));
        Assert.Equal(Path.Join(_dir, "var/lib/cni/sriov"), new HostRoot(_dir, null).CniState);
    }

    [Fact]
    public void Leftovers_of_dead_writers_are_removed_and_live_ones_kept()
    {
        var path = AllocationRecords.PathFor(_root, Vf);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var dead = path + ".tmp-999999999";
        var live = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var other = path + ".owner.tmp-999999999";
        File.WriteAllText(dead, "x");
        File.WriteAllText(live, "x");
        File.WriteAllText(other, "x");

        AtomicFile.DeleteLeftovers(path);

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live)); // a running process may be writing it
        Assert.True(File.Exists(other)); // another file's leftovers: only "<path>.tmp-<pid>" belongs to <path>
        AtomicFile.DeleteLeftovers(path + ".owner");
        Assert.False(File.Exists(other));
    }

    [Fact]
    public void A_write_replaces_a_temporary_file_a_dead_writer_with_our_pid_left_behind()
    {
        // The temporary file is created afresh (O_EXCL, no truncation); one left by an earlier process that had our PID
        // must not make the write fail.
        var path = AllocationRecords.PathFor(_root, Vf);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var ours = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(ours, "a longer stale content than the new one");

        AtomicFile.Write(path, "/run/netns/x"u8);

        Assert.Equal("/run/netns/x", File.ReadAllText(path));
        Assert.False(File.Exists(ours));
    }
}
