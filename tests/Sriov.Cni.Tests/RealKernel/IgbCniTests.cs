using System.Text.Json;
using Sriov.Cni.Tests.Support;
using Sriov.Sim.RealKernel;

namespace Sriov.Cni.Tests.RealKernel;

/// <summary>
/// The published NativeAOT plugin on a real igb PF and igbvf VFs (Debian's kernel in QEMU, spec real-nic.md): the
/// PF-side settings show on the PF's <c>vf</c> line and the VF moves into the pod; CHECK passes; DEL restores every
/// PF-side value and the VF's name and MAC; link_state (EOPNOTSUPP on igb) fails with nothing left changed; and a pod
/// netns deleted before DEL gives the VF back to the host, after which DEL restores its name and settings. The state
/// directory is the guest's /tmp (the host's root is read-only there).
/// </summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class IgbCniTests(CniRealKernelGuests guests) : IRealKernelScenarios
{
    private const string Scenario = "cni-igb";

    private const string Library = """
        cni() { # cni COMMAND CONTAINERID NETNS CONF: the plugin's stdout on stdout, its status in $rc
          CNI_COMMAND=$1 CNI_CONTAINERID=$2 CNI_NETNS=$3 CNI_IFNAME=net1 CNI_PATH=/usr/lib/cni SRIOV_CNI_DIR=/tmp/cni "$SRIOV" <"$4"
        }
        vfline() { local l; while IFS= read -r l; do case $l in *"vf $1 "*) l=${l#"${l%%[! ]*}"}; echo "$l"; return;; esac; done < <(ip -d link show "$RK_PF_IF"); }
        podmac() { local l; l=$(ip -n "$1" -o link show net1 2>/dev/null) || { echo none; return; }; l=${l#*link/ether }; echo "${l%% *}"; }
        host_state() { # prefix: the VF's host netdev, MAC, MTU, the PF's vf 0 line, journals left
          local n; n=$(rk_vf_if 0); echo "${1}_if=$n"
          rk_read "${1}_mac" "/sys/class/net/$n/address"; rk_read "${1}_mtu" "/sys/class/net/$n/mtu"
          echo "${1}_pf_vf=$(vfline 0)"
          rk_count "${1}_journals" '/tmp/cni/*'
          rk_count "${1}_records" '/tmp/cni/pci/0000*'
        }
        conf() { # conf FILE EXTRA-KEYS: a config for VF 0 with static IPAM
          printf '{"cniVersion":"1.0.0","name":"igbnet","type":"sriov","deviceID":"%s",%s"ipam":{"type":"static","addresses":[{"address":"192.0.2.10/24"}]}}' "$(rk_vf_pci 0)" "$2" >"$1"
        }
        """;

    private static string Binary => Path.Join(RealKernelPaths.Discover().PublishDirectory, "cni", "sriov");

    public static IEnumerable<GuestScenario> Scenarios =>
    [
        new(Scenario,
        [
            Step("add", """
                rk_write enable "$RK_PF_SYS/sriov_numvfs" 2
                rk_wait 10 rk_carrier "$RK_PF_IF"   # igb refuses rate limits without PF carrier
                rk_wait 5 rk_has_vf_if 0
                host_state before
                ip netns add pod1
                conf /tmp/add.json '"vlan":100,"vlanQoS":3,"mac":"02:00:00:00:0a:01","spoofchk":"off","trust":"on","max_tx_rate":100,'
                cni ADD c1 /run/netns/pod1 /tmp/add.json >/tmp/add.out; echo "rc=$?"
                echo "out=$(</tmp/add.out)"
                echo "pf_vf=$(vfline 0)"
                echo "host_if=$(rk_vf_if 0)"
                echo "pod_mac=$(podmac pod1)"
                echo "pod_addr=$(ip -n pod1 -o -4 addr show net1 | { read -r _ _ _ a _; echo "$a"; })"
                """),
            Step("check", """
                conf=$(</tmp/add.json)
                printf '%s,"prevResult":%s}' "${conf%\}}" "$(</tmp/add.out)" >/tmp/check.json
                cni CHECK c1 /run/netns/pod1 /tmp/check.json; echo "rc=$?"
                """),
            Step("del", """
                cni DEL c1 /run/netns/pod1 /tmp/add.json; echo "rc=$?"
                host_state after
                echo "pod_mac=$(podmac pod1)"
                """),
            Step("link-state", """
                host_state before
                conf /tmp/ls.json '"vlan":200,"link_state":"enable",'
                ip netns add pod3
                cni ADD c3 /run/netns/pod3 /tmp/ls.json >/tmp/ls.out; echo "rc=$?"
                echo "out=$(</tmp/ls.out)"
                host_state after
                echo "pod_mac=$(podmac pod3)"
                """),
            Step("mac-untrusted", """
                host_state before
                conf /tmp/mu.json '"mac":"02:00:00:00:0a:03",'
                ip netns add pod4
                cni ADD c4 /run/netns/pod4 /tmp/mu.json >/tmp/mu.out; echo "rc=$?"
                echo "out=$(</tmp/mu.out)"
                echo "pod_mac=$(podmac pod4)"
                cni DEL c4 /run/netns/pod4 /tmp/mu.json >/dev/null; echo "del_rc=$?"
                host_state after
                """),
            Step("netns-gone", """
                host_state before
                conf /tmp/gone.json '"vlan":300,"mac":"02:00:00:00:0a:02","trust":"on",'
                ip netns add pod2
                cni ADD c2 /run/netns/pod2 /tmp/gone.json >/dev/null; echo "add_rc=$?"
                echo "added_pf_vf=$(vfline 0)"
                ip netns del pod2
                cni DEL c2 /run/netns/pod2 /tmp/gone.json; echo "rc=$?"
                host_state after
                """),
            new("kills", Library + "\n" + """
                # ADD (VLAN, MAC, trust; no IPAM, so its 10 writes are the journal "prepared", owner file, record,
                # "pfConfig", one journal write before each setting, "moveIssued", "moved", "complete") traced once, then
                # killed at each journal write from the first setting on (the writes before it are killed on the
                # simulated node, KillTests) and at each netlink send between "moved" and "complete" (MAC and link up
                # in the pod), each followed by DEL.
                host_state before
                printf '{"cniVersion":"1.0.0","name":"igbnet","type":"sriov","deviceID":"%s","vlan":400,"mac":"02:00:00:00:0a:04","trust":"on"}' "$(rk_vf_pci 0)" >/tmp/k.json
                ip netns add podk
                kadd() { CNI_COMMAND=ADD CNI_CONTAINERID=ck CNI_NETNS=/run/netns/podk CNI_IFNAME=net1 CNI_PATH=/usr/lib/cni SRIOV_CNI_DIR=/tmp/cni strace -f -qq "$@" "$SRIOV" </tmp/k.json >/dev/null 2>&1; }
                kadd -o /tmp/k.trace -e trace=pwrite64,sendto; echo "traced_rc=$?"
                cni DEL ck /run/netns/podk /tmp/k.json >/dev/null; echo "traced_del_rc=$?"
                writes=$(grep -c 'pwrite64(' /tmp/k.trace)
                sends=$(awk -v w="$writes" '/pwrite64\(/ { p++ } /sendto\(/ { s++; if (p == w - 1) printf "sendto:%d ", s }' /tmp/k.trace)
                echo "writes=$writes"
                points="$(for ((n = 5; n <= writes; n++)); do printf 'pwrite64:%d ' "$n"; done)$sends"
                echo "points=$points"
                for point in $points; do
                  tag=${point/:/_}
                  kadd -o /dev/null -e trace=pwrite64,sendto -e "inject=${point%%:*}:signal=KILL:when=${point#*:}"; echo "${tag}_add=$?"
                  cni DEL ck /run/netns/podk /tmp/k.json >/tmp/k.del; echo "${tag}_del=$?"
                  host_state "$tag"
                  echo "${tag}_pod_mac=$(podmac podk)"
                done
                """, TimeSpan.FromSeconds(300)) { Environment = new Dictionary<string, string> { ["SRIOV"] = Binary } },
        ])
        {
            Prepare = async _ => await CniBinary.PathAsync(),
        },
    ];

    [Fact]
    public async Task Add_applies_every_pf_side_setting_on_igb_and_moves_the_vf_into_the_pod()
    {
        var add = await guests.StepAsync(Scenario, "add");

        Assert.True(add.Value("rc") == "0", add.Stdout + add.Stderr);
        var pf = add.Value("pf_vf");
        foreach (var expected in new[] { "link/ether 02:00:00:00:0a:01", "vlan 100, qos 3", "max_tx_rate 100Mbps", "spoof checking off", "trust on" })
        {
            Assert.Contains(expected, pf, StringComparison.Ordinal);
        }

        Assert.Equal(string.Empty, add.Value("host_if"));
        Assert.Equal("02:00:00:00:0a:01", add.Value("pod_mac"));
        Assert.Equal("192.0.2.10/24", add.Value("pod_addr"));
        var result = JsonDocument.Parse(add.Value("out")).RootElement;
        var iface = result.GetProperty("interfaces")[0];
        Assert.Equal(("net1", "02:00:00:00:0a:01", "/run/netns/pod1"), (iface.GetProperty("name").GetString(), iface.GetProperty("mac").GetString(), iface.GetProperty("sandbox").GetString()));
    }

    [Fact]
    public async Task Check_passes_on_the_real_vf()
    {
        var check = await guests.StepAsync(Scenario, "check");

        Assert.True(check.Value("rc") == "0", check.Stdout + check.Stderr);
    }

    [Fact]
    public async Task Del_restores_every_pf_side_value_and_the_vf_name_and_mac()
    {
        var add = await guests.StepAsync(Scenario, "add");
        var del = await guests.StepAsync(Scenario, "del");

        Assert.True(del.Value("rc") == "0", del.Stdout + del.Stderr);
        AssertRestored(add, del);
        Assert.Equal("none", del.Value("pod_mac"));
    }

    [Fact]
    public async Task Link_state_on_igb_fails_with_nothing_left_changed()
    {
        var ls = await guests.StepAsync(Scenario, "link-state");

        Assert.Equal("1", ls.Value("rc"));
        var error = JsonDocument.Parse(ls.Value("out")).RootElement;
        Assert.Equal(105, error.GetProperty("code").GetInt32());
        Assert.Contains("link_state \"enable\"", error.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Contains("EOPNOTSUPP", error.GetProperty("msg").GetString(), StringComparison.Ordinal);
        AssertRestored(ls, ls);
        Assert.Equal("none", ls.Value("pod_mac"));
    }

    [Fact]
    public async Task A_mac_without_trust_is_refused_by_igb_on_the_vf_side_and_rolled_back()
    {
        var mu = await guests.StepAsync(Scenario, "mac-untrusted");

        Assert.True(mu.Value("rc") == "1", mu.Stdout + mu.Stderr);
        var error = JsonDocument.Parse(mu.Value("out")).RootElement;
        Assert.Equal(106, error.GetProperty("code").GetInt32());
        Assert.Contains("set MAC 02:00:00:00:0a:03 on ", error.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Contains("EADDRNOTAVAIL", error.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Equal("none", mu.Value("pod_mac"));
        Assert.Equal("0", mu.Value("del_rc"));
        AssertRestored(mu, mu);
    }

    [Fact]
    public async Task A_pod_netns_deleted_before_del_gives_the_vf_back_and_del_restores_it()
    {
        var gone = await guests.StepAsync(Scenario, "netns-gone");

        Assert.Equal("0", gone.Value("add_rc"));
        Assert.Contains("vlan 300", gone.Value("added_pf_vf"), StringComparison.Ordinal);
        Assert.True(gone.Value("rc") == "0", gone.Stdout + gone.Stderr);
        AssertRestored(gone, gone);
    }

    [Fact]
    public async Task Add_killed_at_each_step_on_igb_then_del_restores_every_pf_side_value_and_the_vf()
    {
        var kills = await guests.StepAsync(Scenario, "kills");

        Assert.True(kills.Value("traced_rc") == "0" && kills.Value("traced_del_rc") == "0", kills.Stdout + kills.Stderr);
        var points = kills.Value("points").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("10", kills.Value("writes")); // 3 settings: see the step
        Assert.Equal(6, points.Count(p => p.StartsWith("pwrite64:", StringComparison.Ordinal)));
        Assert.Contains(points, p => p.StartsWith("sendto:", StringComparison.Ordinal));
        foreach (var tag in points.Select(p => p.Replace(':', '_')))
        {
            Assert.True(kills.Value(tag + "_add") == "137", $"{tag}: ADD was not killed\n{kills.Stdout}");
            Assert.True(kills.Value(tag + "_del") == "0", $"{tag}: DEL failed\n{kills.Stdout}");
            Assert.Equal("none", kills.Value(tag + "_pod_mac"));
            AssertRestored(kills, kills, tag);
        }
    }

    /// <summary>
    /// The VF's host name, MAC and MTU, and the PF's vf 0 line, as before; no journal or record left. On the vf line
    /// the MAC is the original admin MAC or, once the VF's own MAC was put back through igb's mailbox, that MAC: igb
    /// reports a VF-chosen MAC there too (docs/simulation.md, differential record).
    /// </summary>
    private static void AssertRestored(GuestStepResult before, GuestStepResult after, string prefix = "after")
    {
        Assert.Equal(before.Value("before_if"), after.Value(prefix + "_if"));
        Assert.Equal(before.Value("before_mac"), after.Value(prefix + "_mac"));
        Assert.Equal(before.Value("before_mtu"), after.Value(prefix + "_mtu"));
        var (macBefore, restBefore) = SplitMac(before.Value("before_pf_vf"));
        var (macAfter, restAfter) = SplitMac(after.Value(prefix + "_pf_vf"));
        Assert.Equal(restBefore, restAfter);
        Assert.Contains(macAfter, new[] { macBefore, after.Value(prefix + "_mac") });
        Assert.Equal("1", after.Value(prefix + "_journals")); // only the pci/ directory (the VF locks)
        Assert.Equal("0", after.Value(prefix + "_records"));
    }

    /// <summary>"vf 0     link/ether M brd ..., spoof checking on, ..." → (M, the line without M).</summary>
    private static (string Mac, string Others) SplitMac(string line)
    {
        var at = line.IndexOf("link/ether ", StringComparison.Ordinal) + "link/ether ".Length;
        var end = line.IndexOf(' ', at);
        return (line[at..end], line[..at] + line[end..]);
    }

    private static GuestStep Step(string name, string script) =>
        new(name, Library + "\n" + script, TimeSpan.FromSeconds(90)) { Environment = new Dictionary<string, string> { ["SRIOV"] = Binary } };
}
