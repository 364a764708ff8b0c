using System.Net.Sockets;
using System.Runtime.InteropServices;
using Sriov.DevicePlugin.Tests.Support;
using Sriov.DevicePlugin.Watch;
using Sriov.Kubelet;
using Sriov.Sim.Kubelet;

namespace Sriov.DevicePlugin.Tests.Server;

/// <summary>Both registration modes and kubelet restarts, against the kubelet emulator.</summary>
public class RegistrationTests
{
    public static TheoryData<string> Modes => new() { nameof(RegistrationMode.KubeletSocket), nameof(RegistrationMode.PluginWatcher) };

    private const string Config = """
        {"resourceList":[
          {"resourceName":"e810_net","selectors":{"drivers":["iavf"],"pfNames":["ens1f0"]}},
          {"resourceName":"e810_pf1","resourcePrefix":"example.com","selectors":{"pfNames":["ens1f1#0-1"]}},
          {"resourceName":"nothing","selectors":{"vendors":["15b3"]}}
        ]}
        """;

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Every_pool_registers_with_its_devices_and_numa_nodes(string mode)
    {
        var m = Enum.Parse<RegistrationMode>(mode);
        using var node = SimNodes.Tree("intel-e810", vfs: 3);
        await using var h = await PluginHarness.CreateAsync(node, Config, m);
        var host = await h.StartPluginAsync();
        Assert.Equal(m == RegistrationMode.PluginWatcher ? PluginMode.PluginWatcher : PluginMode.KubeletSocket, host.Mode);

        var net = await h.Kubelet.WaitForResourceAsync("intel.com/e810_net", r => r.Allocatable == 3);
        Assert.Equal(m, net.Mode);
        Assert.Equal(["0000:3b:01.0", "0000:3b:01.1", "0000:3b:01.2"], net.Devices.Select(d => d.Id));
        Assert.All(net.Devices, d => Assert.Equal([0L], d.NumaNodes));
        Assert.True(net.GetPreferredAllocationAvailable);
        Assert.False(net.PreStartRequired);
        var socketDir = m == RegistrationMode.PluginWatcher ? h.Options.PluginsRegistryDir : h.Options.DevicePluginDir;
        Assert.Equal(Path.Join(socketDir, "intel.com_e810_net.sock"), net.Endpoint);
        Assert.True(File.Exists(Path.Join(socketDir, "example.com_e810_pf1.sock")));

        var pf1 = await h.Kubelet.WaitForResourceAsync("example.com/e810_pf1", r => r.Allocatable == 2);
        Assert.Equal(["0000:3b:11.0", "0000:3b:11.1"], pf1.Devices.Select(d => d.Id));
        var empty = await h.Kubelet.WaitForResourceAsync("intel.com/nothing", r => r.Connected);
        Assert.Equal(0, empty.Capacity);
        Assert.All(h.Kubelet.Registrations, r => Assert.True(r.Accepted, r.Error));
    }

    [Fact]
    public async Task A_restarted_kubelet_is_served_and_registered_again_through_inotify()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 2);
        await using var h = await PluginHarness.CreateAsync(node, Config, RegistrationMode.KubeletSocket);
        // A stat backstop far longer than the waits below: only the inotify watch can bring the plugin back in time.
        await h.StartPluginAsync(PluginHarness.FastTimings with { KubeletCheck = TimeSpan.FromMinutes(5) });
        await h.Kubelet.WaitForResourceAsync("intel.com/e810_net", r => r.Allocatable == 2);
        var kept = await h.Kubelet.AllocateAsync("ns/p", "c", "intel.com/e810_net", 1);
        var before = h.Kubelet.Registrations.Count(r => r.ResourceName == "intel.com/e810_net");

        await h.Kubelet.RestartAsync();
        Assert.False(File.Exists(Path.Join(h.Options.DevicePluginDir, "intel.com_e810_net.sock")));

        var back = await h.Kubelet.WaitForResourceAsync("intel.com/e810_net", r => r.Connected && r.Allocatable == 2, TimeSpan.FromSeconds(5));
        Assert.Equal(2, back.Capacity);
        Assert.Equal(before + 1, h.Kubelet.Registrations.Count(r => r.ResourceName == "intel.com/e810_net" && r.Accepted));
        Assert.True(File.Exists(Path.Join(h.Options.DevicePluginDir, "intel.com_e810_net.sock")));
        await h.Kubelet.WaitForResourceAsync("example.com/e810_pf1", r => r.Connected && r.Allocatable == 2, TimeSpan.FromSeconds(5));
        Assert.Contains(kept, h.Kubelet.Allocations);
        Assert.True(h.Log.Contains("the kubelet restarted"));
    }

    [Fact]
    public async Task In_plugin_watcher_mode_a_restarted_kubelet_finds_the_sockets_again()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 2);
        await using var h = await PluginHarness.CreateAsync(node, Config, RegistrationMode.PluginWatcher);
        await h.StartPluginAsync();
        await h.Kubelet.WaitForResourceAsync("intel.com/e810_net", r => r.Allocatable == 2);

        await h.Kubelet.RestartAsync();
        var back = await h.Kubelet.WaitForResourceAsync("intel.com/e810_net", r => r.Connected && r.Allocatable == 2);
        Assert.Equal(2, back.Capacity);
        Assert.Equal(2, h.Kubelet.Registrations.Count(r => r.ResourceName == "intel.com/e810_net" && r.Accepted));
    }

    [Fact]
    public async Task At_start_dead_sockets_of_pools_no_longer_configured_leave_the_plugins_registry()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 2);
        await using var h = await PluginHarness.CreateAsync(node, Config, RegistrationMode.PluginWatcher);
        var registry = h.Options.PluginsRegistryDir;
        // An earlier run killed before its cleanup: sockets nobody listens on, one of a pool since removed.
        DeadSocket(Path.Join(registry, "intel.com_old_pool.sock"));
        DeadSocket(Path.Join(registry, "example.com_e810_pf1.sock"));
        // Not ours to judge: another plugin's live socket of the same form, and a dead one of another form.
        using var other = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        other.Bind(new UnixDomainSocketEndPoint(Path.Join(registry, "acme.io_other.sock")));
        other.Listen();
        DeadSocket(Path.Join(registry, "csi.example.com-reg.sock"));

        await h.StartPluginAsync();
        await h.Kubelet.WaitForResourceAsync("example.com/e810_pf1", r => r.Connected && r.Allocatable == 2);
        Assert.Equal(
            ["acme.io_other.sock", "csi.example.com-reg.sock", "example.com_e810_pf1.sock", "intel.com_e810_net.sock", "intel.com_nothing.sock"],
            Directory.GetFiles(registry).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(h.Log.Contains($"removed {Path.Join(registry, "intel.com_old_pool.sock")}: left by an earlier run"));
    }

    [Theory]
    [InlineData("intel.com_sriov_net.sock", true)]
    [InlineData("example.com_10G.sock", true)]
    [InlineData("kubelet.sock", false)]
    [InlineData("csi.example.com-reg.sock", false)]
    [InlineData("intel_com_net.sock", false)]
    [InlineData("intel.com_.sock", false)]
    [InlineData("_net.sock", false)]
    [InlineData("intel.com_net.socket", false)]
    public void Pool_socket_names_are_prefix_underscore_name(string name, bool pool) =>
        Assert.Equal(pool, StaleSockets.IsPoolSocketName(name));

    /// <summary>A socket file nobody listens on. .NET unlinks the path it bound when the socket is disposed (a killed
    /// process does not), so the file is a second hard link to the bound one.</summary>
    private static void DeadSocket(string path)
    {
        var bound = path + ".bound";
        using (var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            s.Bind(new UnixDomainSocketEndPoint(bound));
            Assert.True(Link(bound, path) == 0, $"link {bound} {path}: errno {Marshal.GetLastPInvokeError()}");
        }

        Assert.False(File.Exists(bound));
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

    [Fact]
    public async Task Without_a_kubelet_the_plugin_waits_and_registers_when_it_appears()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 1);
        await using var h = await PluginHarness.CreateAsync(node, Config, RegistrationMode.KubeletSocket);
        await h.Kubelet.DisposeAsync();
        File.Delete(Path.Join(h.Options.DevicePluginDir, KubeletPaths.KubeletSocketName));
        await h.StartPluginAsync();
        await Task.Delay(300);
        Assert.False(h.Log.Contains("registered with the kubelet"));

        await using var kubelet = await KubeletEmulator.StartAsync(new KubeletEmulatorOptions { DevicePluginDir = h.Options.DevicePluginDir });
        var resource = await kubelet.WaitForResourceAsync("intel.com/e810_net", r => r.Allocatable == 1);
        Assert.Equal(RegistrationMode.KubeletSocket, resource.Mode);
    }

    [Fact]
    public async Task A_deleted_socket_is_served_again()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 1);
        await using var h = await PluginHarness.CreateAsync(node, Config, RegistrationMode.PluginWatcher);
        await h.StartPluginAsync();
        await h.Kubelet.WaitForResourceAsync("intel.com/e810_net", r => r.Allocatable == 1);
        var socket = Path.Join(h.Options.PluginsRegistryDir, "intel.com_e810_net.sock");

        var before = h.Kubelet.Registrations.Count(r => r.ResourceName == "intel.com/e810_net" && r.Accepted);
        File.Delete(socket);
        await h.Kubelet.WaitForRegistrationAsync(_ => h.Kubelet.Registrations.Count(r => r.ResourceName == "intel.com/e810_net" && r.Accepted) > before);
        Assert.True(File.Exists(socket));
        Assert.True(h.Log.Contains("was removed or replaced; serving it again"));
    }

    [Fact]
    public async Task Shutdown_removes_sockets_device_info_files_and_cdi_specs()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 2);
        await using var h = await PluginHarness.CreateAsync(node, Config, RegistrationMode.KubeletSocket, useCdi: true);
        File.WriteAllText(Path.Join(Directory.CreateDirectory(h.Options.CdiDir).FullName, "sriov-dp-stale.yaml"), "x");
        var host = await h.StartPluginAsync();
        await h.Kubelet.WaitForResourceAsync("intel.com/e810_net", r => r.Allocatable == 2);
        Assert.False(File.Exists(Path.Join(h.Options.CdiDir, "sriov-dp-stale.yaml")));
        await h.Kubelet.AllocateAsync("ns/p", "c", "intel.com/e810_net", 1);
        Assert.NotEmpty(Directory.GetFiles(h.Options.DevInfoDir));
        Assert.NotEmpty(Directory.GetFiles(h.Options.CdiDir));

        await host.DisposeAsync();
        Assert.Empty(Directory.GetFiles(h.Options.DevInfoDir));
        Assert.Empty(Directory.GetFiles(h.Options.CdiDir));
        Assert.Equal([Path.Join(h.Options.DevicePluginDir, KubeletPaths.KubeletSocketName)], Directory.GetFiles(h.Options.DevicePluginDir));
    }
}
