using System.Diagnostics;
using System.Globalization;
using Sriov.Cni.Tests.Support;

namespace Sriov.Cni.Tests.Netns;

/// <summary>
/// The published plugin killed from outside at every step of ADD, then DEL: the VF must come back with its original
/// name and MAC, IPAM must be released, and no journal or allocation record may stay. Kills come from strace
/// (SIGKILL injected at the Nth pwrite(2): the journal and the allocation record are each written with one pwrite, so
/// the Nth pwrite is the boundary before step N) and from a SIGKILL while the IPAM delegate blocks.
/// </summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class KillTests : IDisposable
{
    // The writes of one ADD without PF-side settings, with an IPAM plugin that runs during the move: journal
    // "prepared" (a new file), owner file, allocation record, journal "ipamIssued" (then IPAM ADD and the move, then MAC
    // and up), "ipamDone" (then addresses and routes), "complete".
    private const int WritesPerAdd = 6;

    // Per write N killed at: the journal phase left behind, whether the VF is in the pod, IPAM ADDs made.
    private static readonly Dictionary<int, (string? Phase, bool InPod, int IpamAdds)> Expected = new()
    {
        [1] = (null, false, 0),
        [2] = ("prepared", false, 0),
        [3] = ("prepared", false, 0),
        [4] = ("prepared", false, 0),
        [5] = ("ipamIssued", true, 1),
        [6] = ("ipamDone", true, 1),
        [7] = ("complete", true, 1),
    };

    private readonly SimCni _sim = new(vfs: 1);
    private readonly FakeIpam _ipam = new();

    public static TheoryData<int> Steps() => [.. Enumerable.Range(1, WritesPerAdd + 1)];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Killed_before_each_journal_update_del_restores_the_vf(int write)
    {
        var binary = CniBinary.Path;
        var before = _sim.HostLink(0)!;
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0], $$"""{"type":"{{FakeIpam.Type}}"}""");

        var add = _sim.Exec(binary, "ADD", conf, pod, path: _ipam.Path,
            wrapper: ["strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=pwrite64", "-e", $"inject=pwrite64:signal=KILL:when={write}"]);
        if (write <= WritesPerAdd)
        {
            Assert.True(add.ExitCode != 0, $"ADD was not killed at write {write}: {add}");
        }
        else
        {
            Assert.True(add.ExitCode == 0, add.ToString()); // one past the last write: ADD completes
        }

        // Where the kill left things: the journal one step behind the work, the VF where that work put it.
        var (phase, inPod, addsBeforeDel) = Expected[write];
        Assert.Equal(phase, _sim.Journals.Read(new("ctr1", "net1")) is { } j ? Sriov.Cni.Journal.JournalCodec.PhaseName(j.Phase) : null);
        Assert.Equal(inPod, SimCni.PodLink(pod, "net1") is not null);
        Assert.Equal(addsBeforeDel, _ipam.Calls.Count(c => c.StartsWith("ADD", StringComparison.Ordinal)));

        DelRestores(binary, conf, pod, before);
        var ipamAdds = _ipam.Calls.Count(c => c.StartsWith("ADD", StringComparison.Ordinal));
        Assert.Equal(ipamAdds, _ipam.Calls.Count(c => c.StartsWith("DEL", StringComparison.Ordinal))); // every allocation released
    }

    /// <summary>
    /// Kill points of one ADD without IPAM or PF-side settings (the simulated PF has no VF netlink support), so the
    /// journal goes prepared → moveIssued → moved → complete. The plugin's syscalls in order: sendto 1-3 (is net1 free
    /// in the pod, the PF's VFs, the VF netdev), pwrite 1-4 (journal "prepared", owner file, allocation record,
    /// journal "moveIssued"), sendto 4-5 (the VF netdev again, then the one RTM_SETLINK that moves and renames it),
    /// pwrite 5 ("moved"), sendto 6-8 (net1 in the pod, link up, net1 read back), pwrite 6 ("complete"). strace
    /// delivers the SIGKILL at syscall entry, so the syscall it names never runs (kernel/entry: a fatal signal pending
    /// after the syscall-entry stop skips the call) and everything before it is done.
    /// </summary>
    public static TheoryData<string, int, string?, bool, bool> NoIpamKillPoints() => new()
    {
        { "pwrite64", 1, null, false, false },             // before the first journal: nothing changed
        { "pwrite64", 2, "prepared", false, false },       // after "prepared"
        { "pwrite64", 4, "prepared", false, false },       // after the allocation record, before "moveIssued"
        { "sendto", 5, "moveIssued", false, false },       // after "moveIssued", the move not yet sent
        { "pwrite64", 5, "moveIssued", true, false },      // right after the move: net1 in the pod, journal behind
        { "sendto", 6, "moved", true, false },             // after "moved", before anything in the pod
        { "sendto", 7, "moved", true, false },             // after the pod-side sysctls, before link up
        { "sendto", 8, "moved", true, true },              // after link up
        { "pwrite64", 7, "complete", true, true },         // after "complete" (one past the last write: ADD succeeds)
    };

    [Theory]
    [MemberData(nameof(NoIpamKillPoints))]
    public void Killed_at_each_step_without_ipam_del_restores_the_vf(string syscall, int when, string? phase, bool inPod, bool up)
    {
        var binary = CniBinary.Path;
        var before = _sim.HostLink(0)!;
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0]);

        var add = _sim.Exec(binary, "ADD", conf, pod,
            wrapper: ["strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=pwrite64,sendto", "-e", $"inject={syscall}:signal=KILL:when={when}"]);
        Assert.True(phase == "complete" ? add.ExitCode == 0 : add.ExitCode == 128 + 9, $"ADD killed at {syscall} {when}: {add}");

        Assert.Equal(phase, _sim.Journals.Read(new("ctr1", "net1")) is { } j ? Sriov.Cni.Journal.JournalCodec.PhaseName(j.Phase) : null);
        var inThePod = SimCni.PodLink(pod, "net1");
        Assert.Equal((inPod, up), (inThePod is not null, inThePod?.IsUp ?? false));

        DelRestores(binary, conf, pod, before);
    }

    /// <summary>
    /// Errors injected from outside (strace makes the Nth pwrite or sendto fail) at the steps whose failures are
    /// codes 106, 108 and 110: the message names the VF, its PF and the operation, and the rollback leaves nothing.
    /// Syscall numbers as in <see cref="NoIpamKillPoints"/>; with the overlapping IPAM plugin, pwrite 4 is the journal
    /// "ipamIssued" and sendto 9 the first address added in the pod.
    /// </summary>
    public static TheoryData<string, int, string, bool, int, string> FailingSteps() => new()
    {
        { "pwrite64", 4, "ENOSPC", false, 110, "write the journal {state}/ctr1-net1 of {vf}: " },
        { "sendto", 7, "EBUSY", false, 106, "configure {vf} as net1 in netns {pod}: " },
        { "sendto", 9, "ENOBUFS", true, 108, "add the IPAM addresses and routes to {vf} as net1 in netns {pod}: " },
    };

    [Theory]
    [MemberData(nameof(FailingSteps))]
    public void A_failing_step_names_the_vf_its_pf_and_the_operation_and_rolls_back(string syscall, int when, string errno, bool ipam, int code, string message)
    {
        var binary = CniBinary.Path;
        var before = _sim.HostLink(0)!;
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0], ipam ? $$"""{"type":"{{FakeIpam.Type}}"}""" : null);

        var add = _sim.Exec(binary, "ADD", conf, pod, path: _ipam.Path,
            wrapper: ["strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=pwrite64,sendto", "-e", $"inject={syscall}:error={errno}:when={when}"]);
        Assert.Equal(code, add.Code);
        var vf = $"VF {_sim.Vfs[0]} (VF 0 of PF {_sim.PfName})";
        Assert.Contains(message.Replace("{vf}", vf, StringComparison.Ordinal).Replace("{pod}", pod, StringComparison.Ordinal)
            .Replace("{state}", _sim.Root.CniState, StringComparison.Ordinal), add.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rollback incomplete", add.Message, StringComparison.Ordinal);

        var after = _sim.HostLink(0)!;
        Assert.Equal((before.Name, before.Mac, before.Mtu, false), (after.Name, after.Mac, after.Mtu, after.IsUp));
        Assert.Null(SimCni.PodLink(pod, "net1"));
        Assert.False(_sim.HasRecord(0));
        Assert.Empty(_sim.Journals.List());
        Assert.Equal(ipam ? ["ADD ctr1 net1", "DEL ctr1 net1"] : [], _ipam.Calls);
    }

    [Fact]
    public void Killed_while_ipam_blocks_del_restores_the_vf_and_releases_ipam()
    {
        var binary = CniBinary.Path;
        var before = _sim.HostLink(0)!;
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0], $$"""{"type":"{{FakeIpam.Type}}"}""", extra: """{"logLevel":"debug"}""");
        _ipam.Mode = "block";

        var add = _sim.Exec(binary, "ADD", conf, pod, path: _ipam.Path, started: plugin =>
        {
            // Feed stdin first (Exec does it after this callback), so wait on a helper thread.
            _ = Task.Run(() =>
            {
                var clock = Stopwatch.StartNew();
                while (_ipam.BlockedPid is null && clock.Elapsed < TimeSpan.FromSeconds(60))
                {
                    Thread.Sleep(20);
                }

                plugin.Kill(); // SIGKILL to the plugin; then its IPAM child, which holds our stderr open
                KillBlockedIpam();
            });
        });
        Assert.Equal(128 + 9, add.ExitCode); // SIGKILL
        Assert.NotNull(SimCni.PodLink(pod, "net1")); // it was killed with the VF in the pod

        _ipam.Mode = "ok";
        var del = _sim.Exec(binary, "DEL", conf, pod, path: _ipam.Path);
        Assert.True(del.ExitCode == 0, del.ToString());
        var after = _sim.HostLink(0)!;
        Assert.Equal((before.Name, before.Mac, before.Mtu), (after.Name, after.Mac, after.Mtu));
        Assert.Contains("DEL ctr1 net1", _ipam.Calls);
        Assert.False(_sim.HasRecord(0));
        Assert.Empty(_sim.Journals.List());
        Assert.Empty(LeftoverFiles());
    }

    [Fact]
    public void A_rename_that_fails_after_the_move_is_found_in_the_pod_and_undone() => RenameFails(ipam: false);

    /// <summary>
    /// The same with an IPAM plugin that runs during the move: the journal then says "ipamIssued" (above "moved")
    /// before the move, so the rollback must not take the pod's own net1 for the VF by its name.
    /// </summary>
    [Fact]
    public void A_rename_that_fails_during_overlapping_ipam_leaves_the_pods_own_net1_alone() => RenameFails(ipam: true);

    private void RenameFails(bool ipam)
    {
        var binary = CniBinary.Path;
        var before = _sim.HostLink(0)!;
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0], ipam ? $$"""{"type":"{{FakeIpam.Type}}"}""" : null);
        const string podMac = "02:5e:00:00:00:01";

        // Pause the plugin at its "moveIssued" (or "ipamIssued") journal write (its 4th pwrite, after its check that
        // net1 is free in the pod), and take the name meanwhile: the kernel then moves the VF under its host name and
        // refuses the rename.
        var add = _sim.Exec(binary, "ADD", conf, pod, path: _ipam.Path,
            wrapper: ["strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=pwrite64", "-e", "inject=pwrite64:delay_enter=4000000:when=4"],
            started: _ => Task.Run(() =>
            {
                Thread.Sleep(500);
                Shell.Ip("-n", SimCni.PodName(pod), "link", "add", "net1", "address", podMac, "type", "veth", "peer", "name", "z" + _sim.Node.Token);
            }));

        Assert.Equal(106, add.Code);
        Assert.Contains($"move {before.Name} ({_sim.Vfs[0]} of PF {_sim.PfName}) into netns {pod} as net1", add.Message, StringComparison.Ordinal);
        Assert.Contains("File exists (EEXIST)", add.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rollback incomplete", add.Message, StringComparison.Ordinal);
        var after = _sim.HostLink(0)!;
        Assert.Equal((before.Name, before.Mac, before.Mtu), (after.Name, after.Mac, after.Mtu));
        Assert.Null(SimCni.PodLink(pod, before.Name));
        var own = SimCni.PodLink(pod, "net1");
        Assert.NotNull(own); // the pod's own net1 is still there, untouched
        Assert.Equal(podMac, own.Mac?.ToString());
        Assert.Empty(_sim.Journals.List());
        Assert.False(_sim.HasRecord(0));
        Assert.Empty(LeftoverFiles());
        if (ipam)
        {
            Assert.Equal(["ADD ctr1 net1", "DEL ctr1 net1"], _ipam.Calls); // the rollback released what IPAM gave
        }
    }

    public void Dispose()
    {
        KillBlockedIpam();
        _ipam.Dispose();
        _sim.Dispose();
    }

    private void KillBlockedIpam()
    {
        if (_ipam.BlockedPid is { } pid)
        {
            _ = Shell.Run("kill", "-9", pid.ToString(CultureInfo.InvariantCulture));
            File.Delete(Path.Join(_ipam.Directory, "blocked.pid"));
        }
    }

    /// <summary>DEL succeeds and leaves the VF on the host as <paramref name="before"/>, down, with no journal, record or temporary file.</summary>
    private void DelRestores(string binary, string conf, string pod, Sriov.Host.Netlink.LinkInfo before)
    {
        var del = _sim.Exec(binary, "DEL", conf, pod, path: _ipam.Path);
        Assert.True(del.ExitCode == 0, del.ToString());
        var after = _sim.HostLink(0);
        Assert.NotNull(after);
        Assert.Equal((before.Name, before.Mac, before.Mtu, false), (after.Name, after.Mac, after.Mtu, after.IsUp));
        Assert.Null(SimCni.PodLink(pod, "net1"));
        Assert.False(_sim.HasRecord(0));
        Assert.Empty(_sim.Journals.List());
        Assert.Empty(LeftoverFiles());
    }

    /// <summary>Files in the state directory other than lock files (temporary files of a killed writer included).</summary>
    private List<string> LeftoverFiles() =>
        Directory.Exists(_sim.Root.CniState)
            ? [.. Directory.EnumerateFiles(_sim.Root.CniState, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))]
            : [];
}
