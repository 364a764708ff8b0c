using System.Text.Json;
using Sriov.Sim.RealKernel;

namespace Sriov.ConfigDaemon.Tests.RealKernel;

/// <summary>
/// The daemon's <c>apply</c> on Debian's kernel with QEMU's igb NIC and an emulated IOMMU: it creates the
/// VFs, binds a range to vfio-pci and the rest to igbvf, sets their MTU and pins their admin MACs on the real PF; a
/// re-apply plans nothing; taking the PF out of the spec resets it. The host root is a directory whose <c>sys</c> is the
/// guest's real <c>/sys</c> (the chroot's own <c>/etc</c> and <c>/var/lib</c> are the host's, read-only).
/// </summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class ApplyRealKernelTests(DaemonRealKernelGuests guests) : IRealKernelScenarios
{
    private const string Scenario = "config-daemon";
    // This test build's own copy of the daemon (the project reference puts it with its runtimeconfig and deps next to
    // the tests), which the guest sees through its view of the host's root: no publish (docs/testing.md, "Costs").
    // Found from this assembly's location, not the process's base directory, so the scenario is the same when the
    // tier's shared pass loads it (its fingerprint must match).
    private static string Daemon =>
        RealKernelPaths.Discover().GuestVisible(Path.Combine(Path.GetDirectoryName(typeof(ApplyRealKernelTests).Assembly.Location)!, "sriov-network-config-daemon.dll"));

    private const string Setup = """
        H=/tmp/hr
        mkdir -p $H
        [ -e $H/sys ] || ln -s /sys $H/sys
        d() { dotnet "$DAEMON" "$@" --host-root $H; }
        state() {
          printf '%s\n' 'apiVersion: sriovnetwork.openshift.io/v1' 'kind: SriovNetworkNodeState' 'metadata: {name: guest, namespace: sriov-network-operator}' "spec: $1" >/tmp/ns.yaml
        }
        report() {
          for i in 0 1 2 3; do
            vf=$(rk_vf_pci $i)
            rk_link "vf${i}_driver" "/sys/bus/pci/devices/$vf/driver"
            rk_read "vf${i}_override" "/sys/bus/pci/devices/$vf/driver_override"
            n=$(rk_vf_if $i)
            if [ -n "$n" ]; then rk_read "vf${i}_mtu" "/sys/class/net/$n/mtu"; rk_read "vf${i}_mac" "/sys/class/net/$n/address"; fi
          done
          rk_read numvfs "$RK_PF_SYS/sriov_numvfs"
          ip link show "$RK_PF_IF" >"$RK_OUT/pf-link.txt"
          rk_count markers "$H/var/run/sriov/reconfiguring/*"
          rk_exists record "$H/etc/sriov-operator/pci/$RK_PF_PCI"
          [ -e "$H/etc/sriov-operator/pci/$RK_PF_PCI" ] && cp "$H/etc/sriov-operator/pci/$RK_PF_PCI" "$RK_OUT/record.json"
          return 0
        }
        SPEC='{interfaces: [{pciAddress: "'$RK_PF_PCI'", numVfs: 4, vfGroups: [{resourceName: dpdk, deviceType: vfio-pci, vfRange: "0-1", policyName: p1}, {resourceName: net, deviceType: netdevice, vfRange: "2-3", policyName: p2, mtu: 1400}]}]}'
        """;

    public static IEnumerable<GuestScenario> Scenarios =>
    [
        new(Scenario,
        [
            new GuestStep("apply", Setup + """

                state "$SPEC"
                d apply --node-state /tmp/ns.yaml >"$RK_OUT/apply.json" 2>"$RK_OUT/apply.err"
                echo "exit=$?"
                report
                """, TimeSpan.FromMinutes(5)) { Environment = Env },
            new GuestStep("reapply", Setup + """

                state "$SPEC"
                d plan --node-state /tmp/ns.yaml >"$RK_OUT/plan.json" 2>"$RK_OUT/plan.err"
                echo "plan_exit=$?"
                """, TimeSpan.FromMinutes(3)) { Environment = Env },
            new GuestStep("reset", Setup + """

                state '{interfaces: []}'
                d apply --node-state /tmp/ns.yaml >"$RK_OUT/apply.json" 2>"$RK_OUT/apply.err"
                echo "exit=$?"
                report
                """, TimeSpan.FromMinutes(3)) { Environment = Env },
        ])
        {
            Iommu = true,
        },
    ];

    private static Dictionary<string, string> Env => new() { ["DAEMON"] = Daemon };

    [Fact]
    public async Task Apply_creates_vfs_binds_groups_sets_mtu_and_pins_admin_macs()
    {
        var run = await guests.StepAsync(Scenario, "apply");

        Assert.True(run.Value("exit") == "0", run.Describe() + run.FileText("apply.err"));
        Assert.Equal("4", run.Value("numvfs"));
        Assert.Equal(("vfio-pci", "vfio-pci", "igbvf", "igbvf"), (run.Value("vf0_driver"), run.Value("vf1_driver"), run.Value("vf2_driver"), run.Value("vf3_driver")));
        Assert.All(new[] { 0, 1, 2, 3 }, i => Assert.Equal("(null)", run.Value($"vf{i}_override")));
        Assert.Equal(("1400", "1400"), (run.Value("vf2_mtu"), run.Value("vf3_mtu")));
        var pfLink = run.FileText("pf-link.txt");
        foreach (var i in new[] { 2, 3 })
        {
            // igb reports the admin MAC per VF ("vf 2     link/ether 02:...") and it is the VF's own MAC.
            Assert.Matches($@"vf {i}\s+link/ether {run.Value($"vf{i}_mac")}", pfLink);
        }

        Assert.DoesNotContain("link/ether 00:00:00:00:00:00", pfLink); // VFs 0 and 1 were pinned before they went to vfio-pci
        Assert.Equal(("0", "yes"), (run.Value("markers"), run.Value("record")));
        Assert.Equal(
            """{"pciAddress":"0000:01:00.0","numVfs":4,"vfGroups":[{"resourceName":"dpdk","deviceType":"vfio-pci","vfRange":"0-1","policyName":"p1"},{"resourceName":"net","deviceType":"netdevice","vfRange":"2-3","policyName":"p2","mtu":1400}]}""",
            run.FileText("record.json"));
    }

    [Fact]
    public async Task Re_applying_plans_nothing()
    {
        var run = await guests.StepAsync(Scenario, "reapply");

        Assert.True(run.Value("plan_exit") == "0", run.Describe() + run.FileText("plan.err"));
        using var plan = JsonDocument.Parse(run.FileText("plan.json"));
        Assert.Equal(0, plan.RootElement.GetProperty("actions").GetArrayLength());
        Assert.False(plan.RootElement.GetProperty("drain").GetBoolean());
    }

    [Fact]
    public async Task Taking_the_pf_out_of_the_spec_resets_it()
    {
        var run = await guests.StepAsync(Scenario, "reset");

        Assert.True(run.Value("exit") == "0", run.Describe() + run.FileText("apply.err"));
        Assert.Equal(("0", "no", "0"), (run.Value("numvfs"), run.Value("record"), run.Value("markers")));
    }
}
