using System.Text.Json.Nodes;
using Xunit.Abstractions;
using Sriov.Sim.RealKernel;

namespace Sriov.DevicePlugin.Tests.RealKernel;

/// <summary>
/// The published NativeAOT <c>sriov-device-plugin</c> on Debian's kernel with QEMU's igb PF and real igbvf VFs:
/// <c>discover</c> finds the VFs with their PF name, VF index, netdev and driver; a VF rebound to vfio-pci shows its
/// <c>/dev/vfio</c> nodes; and the serving plugin, watched over its socket with <c>list-and-watch</c>, reports the VFs
/// Unhealthy when the PF goes down and Healthy when its carrier is back. The publish itself proves zero trim/AOT
/// warnings: ILC runs with --warnaserror because the repository sets TreatWarningsAsErrors.
/// </summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class DevicePluginRealKernelTests(DevicePluginGuests guests, ITestOutputHelper output) : IRealKernelScenarios
{
    private const string Discover = "dp-discover";
    private const string Vfio = "dp-vfio";
    private const string Carrier = "dp-carrier";
    private const string PublishName = "sriov-device-plugin";

    private static readonly Lazy<Task> Published = new(() =>
        new DotnetPublisher(RealKernelPaths.Discover()).PublishAsync("deviceplugin/Sriov.DevicePlugin/Sriov.DevicePlugin.csproj", PublishName));

    private static string Binary => Path.Combine(RealKernelPaths.Discover().PublishDirectory, PublishName, "sriov-device-plugin");

    private static Dictionary<string, string> Env => new() { ["DP"] = Binary };

    // Two igbvf VFs with their netdevs, and the PF's carrier back (igb resets the PF link when the VF count changes,
    // for ~1.5 s: the plugin rightly reports the VFs Unhealthy meanwhile); helpers.
    private const string Setup = """
        rk_write enable "$RK_PF_SYS/sriov_numvfs" 2
        rk_wait 10 rk_has_vf_if 0
        rk_wait 10 rk_has_vf_if 1
        rk_wait 20 rk_carrier "$RK_PF_IF"
        mkdir -p /tmp/dp
        echo "pf_if=$RK_PF_IF"
        echo "vf0_pci=$(rk_vf_pci 0)"
        echo "vf1_pci=$(rk_vf_pci 1)"
        echo "vf0_if=$(rk_vf_if 0)"
        echo "vf1_if=$(rk_vf_if 1)"
        rk_lines() { local n=0 l; while IFS= read -r l; do n=$((n + 1)); done <"$1"; [ "$n" -ge "$2" ]; }
        """;

    public static IEnumerable<GuestScenario> Scenarios =>
    [
        new(Discover,
        [
            new GuestStep("discover", Setup + "\n" + """
                printf '%s' '{"resourceList":[{"resourceName":"igbvf","selectors":{"vendors":["8086"],"devices":["10ca"],"drivers":["igbvf"]}},{"resourceName":"pf","selectors":{"pciAddresses":["0000:01:00.0"]}},{"resourceName":"bad_range","selectors":{"pfNames":["'"$RK_PF_IF"'#1"]}}]}' >/tmp/dp/config.json
                "$DP" discover --config-file /tmp/dp/config.json >"$RK_OUT/discover.json" 2>"$RK_OUT/discover.err"
                echo "exit=$?"
                """, TimeSpan.FromSeconds(60)) { Environment = Env },
        ])
        // Discovery shares the IOMMU guest with dp-vfio; the serving plugin (~14 s) runs in the plain guest, which
        // balances the tier's two guests (docs/testing.md, "Costs").
        { Iommu = true, Prepare = _ => Published.Value },
        new(Vfio,
        [
            new GuestStep("discover", Setup + "\n" + """
                vf=$(rk_vf_pci 0)
                dev=/sys/bus/pci/devices/$vf
                rk_write unbind "$dev/driver/unbind" "$vf"
                rk_write override "$dev/driver_override" vfio-pci
                rk_write probe /sys/bus/pci/drivers_probe "$vf"
                rk_link driver "$dev/driver"
                group=$(rk_target "$dev/iommu_group")
                echo "group=$group"
                rk_exists vfio_node "/dev/vfio/$group"
                printf '%s' '{"resourceList":[{"resourceName":"dpdk","selectors":{"drivers":["vfio-pci"]}},{"resourceName":"kernel","selectors":{"drivers":["igbvf"]}}]}' >/tmp/dp/config.json
                "$DP" discover --config-file /tmp/dp/config.json >"$RK_OUT/discover.json" 2>"$RK_OUT/discover.err"
                echo "exit=$?"
                """, TimeSpan.FromSeconds(60)) { Environment = Env },
        ])
        { Iommu = true, Prepare = _ => Published.Value },
        new(Carrier,
        [
            new GuestStep("serve", Setup + "\n" + """
                printf '%s' '{"resourceList":[{"resourceName":"igbvf","selectors":{"drivers":["igbvf"]}}]}' >/tmp/dp/config.json
                mkdir -p /tmp/dp/registry /tmp/dp/device-plugins
                sock=/tmp/dp/registry/intel.com_igbvf.sock
                "$DP" --config-file /tmp/dp/config.json --plugins-registry-dir /tmp/dp/registry --device-plugin-dir /tmp/dp/device-plugins \
                  --devinfo-dir /tmp/dp/devinfo 2>"$RK_OUT/plugin.log" &
                plugin=$!
                rk_wait 30 test -S "$sock" && echo socket=yes
                "$DP" list-and-watch --socket "$sock" --updates 3 --timeout 60 >"$RK_OUT/updates.jsonl" 2>"$RK_OUT/list-and-watch.err" &
                law=$!
                rk_wait 30 rk_lines "$RK_OUT/updates.jsonl" 1
                t0=$(rk_ms)
                rk_try down ip link set "$RK_PF_IF" down
                rk_wait 20 rk_lines "$RK_OUT/updates.jsonl" 2
                echo "unhealthy_after_ms=$(($(rk_ms) - t0))"
                rk_try up ip link set "$RK_PF_IF" up
                wait "$law"
                echo "list_and_watch_exit=$?"
                kill -TERM "$plugin"
                wait "$plugin"
                echo "plugin_exit=$?"
                rk_exists socket_after_stop "$sock"
                """, TimeSpan.FromSeconds(120)) { Environment = Env },
        ])
        { Prepare = _ => Published.Value },
    ];

    private static JsonArray Resources(GuestStepResult step)
    {
        Assert.True(step.Value("exit") == "0", $"discover failed: {Text(step, "discover.err")}\n{step.Stdout}\n{step.Stderr}");
        return JsonNode.Parse(step.FileText("discover.json"))!["resources"]!.AsArray();
    }

    private static string Text(GuestStepResult step, string file) => step.Files.ContainsKey(file) ? step.FileText(file) : "(no " + file + ")";

    [Fact]
    public async Task Discover_finds_the_igbvf_vfs_with_pf_name_index_netdev_and_driver()
    {
        var step = await guests.StepAsync(Discover, "discover");
        var resources = Resources(step);

        Assert.Equal("intel.com/igbvf", (string)resources[0]!["name"]!);
        var devices = resources[0]!["devices"]!.AsArray();
        Assert.Equal([step.Value("vf0_pci"), step.Value("vf1_pci")], devices.Select(d => (string)d!["id"]!));
        for (var i = 0; i < 2; i++)
        {
            var d = devices[i]!;
            Assert.Equal((step.Value("pf_if"), i, step.Value($"vf{i}_if"), "igbvf", "8086", "10ca", "ether", true),
                ((string)d["pfName"]!, (int)d["vfIndex"]!, (string)d["netdev"]!, (string)d["driver"]!, (string)d["vendor"]!, (string)d["device"]!,
                 (string)d["linkType"]!, (bool)d["healthy"]!));
            Assert.Empty(d["deviceSpecs"]!.AsArray());
        }

        // The PF has VFs configured, so it is not a device itself (upstream's rule), and VF 1 by range.
        Assert.Empty(resources[1]!["devices"]!.AsArray());
        Assert.Empty(resources[2]!["devices"]!.AsArray());
    }

    [Fact]
    public async Task A_vf_on_vfio_pci_shows_its_iommu_group_nodes()
    {
        var step = await guests.StepAsync(Vfio, "discover");
        Assert.Equal("vfio-pci", step.Value("driver"));
        Assert.Equal("yes", step.Value("vfio_node"));
        var resources = Resources(step);
        var group = step.Value("group");

        var vfio = Assert.Single(resources[0]!["devices"]!.AsArray())!;
        Assert.Equal(step.Value("vf0_pci"), (string)vfio["id"]!);
        Assert.Null(vfio["netdev"]);
        Assert.Equal(["/dev/vfio/vfio", "/dev/vfio/" + group], vfio["deviceSpecs"]!.AsArray().Select(s => (string)s!["hostPath"]!));
        Assert.Equal($$"""{"mount":"/dev/vfio/vfio","dev-mount":"/dev/vfio/{{group}}"}""", vfio["env"]!["vfio"]!.ToJsonString());
        Assert.Equal([step.Value("vf1_pci")], resources[1]!["devices"]!.AsArray().Select(d => (string)d!["id"]!));
    }

    [Fact]
    public async Task The_serving_plugin_reports_the_vfs_unhealthy_while_the_pf_is_down()
    {
        var step = await guests.StepAsync(Carrier, "serve");
        Assert.Equal("yes", step.Value("socket"));
        var updates = step.FileText("updates.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["devices"]!.AsArray()).ToList();
        Assert.True(updates.Count == 3, $"updates: {Text(step, "updates.jsonl")}\nlog: {Text(step, "plugin.log")}\n{step.Describe()}");
        string[] Health(JsonArray devices) => [.. devices.Select(d => (string)d!["health"]!)];

        Assert.Equal([step.Value("vf0_pci"), step.Value("vf1_pci")], updates[0].Select(d => (string)d!["id"]!));
        Assert.Equal(["Healthy", "Healthy"], Health(updates[0]));
        Assert.Equal(["Unhealthy", "Unhealthy"], Health(updates[1]));
        Assert.Equal(["Healthy", "Healthy"], Health(updates[2]));
        Assert.Equal(("ok", "ok", "0", "0", "no"),
            (step.Value("down"), step.Value("up"), step.Value("list_and_watch_exit"), step.Value("plugin_exit"), step.Value("socket_after_stop")));
        Assert.Contains($"is Unhealthy: PF netdev {step.Value("pf_if")} is down", step.FileText("plugin.log"), StringComparison.Ordinal);
        // For docs/benchmarks.md: from `ip link set down` returning to the Unhealthy message read by list-and-watch.
        output.WriteLine($"unhealthy_after_ms={step.Value("unhealthy_after_ms")}");
    }
}
