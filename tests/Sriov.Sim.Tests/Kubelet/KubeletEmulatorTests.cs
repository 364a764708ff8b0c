using Grpc.Core;
using Sriov.Kubelet;
using Sriov.Kubelet.DevicePlugin.V1Beta1;
using Sriov.Sim.Kubelet;

namespace Sriov.Sim.Tests.Kubelet;

public class KubeletEmulatorTests
{
    public static TheoryData<string> Modes => new() { nameof(RegistrationMode.KubeletSocket), nameof(RegistrationMode.PluginWatcher) };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_plugin_registers_and_its_devices_become_capacity_and_allocatable(string mode)
    {
        await using var h = await KubeletHarness.StartAsync();
        var plugin = await h.StartPluginAsync(Enum.Parse<RegistrationMode>(mode));
        plugin.SetHealth("dev-d", DevicePluginApi.Unhealthy);

        var resource = await h.Kubelet.WaitForResourceAsync(KubeletHarness.Resource, r => r.Allocatable == 3);
        Assert.Equal(4, resource.Capacity);
        Assert.Equal(Enum.Parse<RegistrationMode>(mode), resource.Mode);
        Assert.Equal(plugin.SocketPath, resource.Endpoint);
        Assert.All(resource.Devices, d => Assert.Equal([0L], d.NumaNodes));
        var record = Assert.Single(h.Kubelet.Registrations);
        Assert.True(record.Accepted);
        Assert.Contains("GetDevicePluginOptions", plugin.Calls);
        if (plugin.Mode == RegistrationMode.PluginWatcher)
        {
            Assert.True(Assert.Single(plugin.Statuses).PluginRegistered);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Allocation_asks_for_a_preference_then_allocates_and_returns_the_container_response(string mode)
    {
        await using var h = await KubeletHarness.StartAsync();
        var plugin = await h.StartPluginAsync(Enum.Parse<RegistrationMode>(mode),
            options: new DevicePluginOptions { GetPreferredAllocationAvailable = true });
        await h.Kubelet.WaitForResourceAsync(KubeletHarness.Resource, r => r.Allocatable == 4);

        // The test plugin prefers devices from the end of the available list.
        var first = await h.Kubelet.AllocateAsync("default/pod-1", "app", KubeletHarness.Resource, 2);
        Assert.Equal(["dev-d", "dev-c"], first.DeviceIds);
        Assert.True(first.PreferredAllocationAsked);
        Assert.Equal("dev-d,dev-c", first.Response.Envs["TEST_DEVICES"]);
        Assert.Equal(["/dev/test/dev-d", "/dev/test/dev-c"], first.Response.Devices.Select(d => d.HostPath));
        Assert.Equal("test.example.com/dev=dev-d", first.Response.CdiDevices[0].Name);
        Assert.Equal(["GetPreferredAllocation", "Allocate"], plugin.Calls.Where(c => c is "GetPreferredAllocation" or "Allocate"));

        Assert.Same(first, await h.Kubelet.AllocateAsync("default/pod-1", "app", KubeletHarness.Resource, 2));
        var second = await h.Kubelet.AllocateAsync("default/pod-2", "app", KubeletHarness.Resource, 2);
        Assert.Equal(["dev-b", "dev-a"], second.DeviceIds);

        var full = await Assert.ThrowsAsync<KubeletAllocationException>(
            () => h.Kubelet.AllocateAsync("default/pod-3", "app", KubeletHarness.Resource, 1));
        Assert.Contains("Requested: 1, Available: 0", full.Message, StringComparison.Ordinal);

        Assert.Equal(1, h.Kubelet.Release("default/pod-1"));
        var third = await h.Kubelet.AllocateAsync("default/pod-3", "app", KubeletHarness.Resource, 1);
        Assert.Equal(["dev-d"], third.DeviceIds);
    }

    [Fact]
    public async Task Without_a_preference_devices_are_taken_in_id_order_and_pre_start_is_called_when_required()
    {
        await using var h = await KubeletHarness.StartAsync();
        var plugin = await h.StartPluginAsync(RegistrationMode.KubeletSocket,
            options: new DevicePluginOptions { PreStartRequired = true });
        await h.Kubelet.WaitForResourceAsync(KubeletHarness.Resource, r => r.Allocatable == 4);
        var allocation = await h.Kubelet.AllocateAsync("ns/p", "c", KubeletHarness.Resource, 2);
        Assert.Equal(["dev-a", "dev-b"], allocation.DeviceIds);
        Assert.False(allocation.PreferredAllocationAsked);
        Assert.DoesNotContain("GetPreferredAllocation", plugin.Calls);
        Assert.Contains("PreStartContainer:dev-a,dev-b", plugin.Calls);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_health_change_updates_allocatable_and_unhealthy_devices_are_not_allocated(string mode)
    {
        await using var h = await KubeletHarness.StartAsync();
        var plugin = await h.StartPluginAsync(Enum.Parse<RegistrationMode>(mode), devices: ["dev-a", "dev-b"]);
        await h.Kubelet.WaitForResourceAsync(KubeletHarness.Resource, r => r.Allocatable == 2);

        plugin.SetHealth("dev-a", DevicePluginApi.Unhealthy);
        var degraded = await h.Kubelet.WaitForResourceAsync(KubeletHarness.Resource, r => r.Allocatable == 1);
        Assert.Equal(2, degraded.Capacity);
        Assert.Equal(["dev-b"], (await h.Kubelet.AllocateAsync("ns/p", "c", KubeletHarness.Resource, 1)).DeviceIds);
        await Assert.ThrowsAsync<KubeletAllocationException>(() => h.Kubelet.AllocateAsync("ns/q", "c", KubeletHarness.Resource, 1));

        plugin.SetHealth("dev-a", DevicePluginApi.Healthy);
        await h.Kubelet.WaitForResourceAsync(KubeletHarness.Resource, r => r.Devices.All(d => d.IsHealthy));
        Assert.Equal(["dev-a"], (await h.Kubelet.AllocateAsync("ns/q", "c", KubeletHarness.Resource, 1)).DeviceIds);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_kubelet_restart_drops_capacity_until_the_plugin_registers_again(string mode)
    {
        await using var h = await KubeletHarness.StartAsync();
        var plugin = await h.StartPluginAsync(Enum.Parse<RegistrationMode>(mode));
        await h.Kubelet.WaitForResourceAsync(KubeletHarness.Resource, r => r.Allocatable == 4);
        var kept = await h.Kubelet.AllocateAsync("ns/p", "c", KubeletHarness.Resource, 1);
        var stray = Path.Combine(h.Options.DevicePluginDir, "stray-file");
        await File.WriteAllTextAsync(stray, "x");
        await File.WriteAllTextAsync(Path.Combine(h.Options.DevicePluginDir, KubeletPaths.CheckpointFileName), "{}");

        await h.Kubelet.RestartAsync();
        Assert.False(File.Exists(stray));
        Assert.True(File.Exists(Path.Combine(h.Options.DevicePluginDir, KubeletPaths.CheckpointFileName)));

        var back = await h.Kubelet.WaitForResourceAsync(KubeletHarness.Resource, r => r.Connected && r.Allocatable == 4);
        Assert.Equal(4, back.Capacity);
        Assert.Equal(2, plugin.Registrations);
        Assert.Equal(2, h.Kubelet.Registrations.Count(r => r.Accepted));
        Assert.Equal(kept, Assert.Single(h.Kubelet.Allocations));
        Assert.Equal(["dev-b"], (await h.Kubelet.AllocateAsync("ns/q", "c", KubeletHarness.Resource, 1)).DeviceIds);
    }

    [Fact]
    public async Task Right_after_a_restart_the_resource_has_no_capacity()
    {
        await using var h = await KubeletHarness.StartAsync();
        var plugin = await h.StartPluginAsync(RegistrationMode.PluginWatcher);
        await h.Kubelet.WaitForResourceAsync(KubeletHarness.Resource, r => r.Allocatable == 4);
        await plugin.StopServingAsync();
        await h.Kubelet.RestartAsync();

        var resource = h.Kubelet.GetResource(KubeletHarness.Resource)!;
        Assert.False(resource.Connected);
        Assert.Equal(0, resource.Capacity);
        var refused = await Assert.ThrowsAsync<KubeletAllocationException>(
            () => h.Kubelet.AllocateAsync("ns/p", "c", KubeletHarness.Resource, 1));
        Assert.Contains("not connected", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_plugin_that_goes_away_leaves_unhealthy_capacity_until_the_grace_period_ends(string mode)
    {
        await using var h = await KubeletHarness.StartAsync(grace: TimeSpan.FromMilliseconds(500));
        var plugin = await h.StartPluginAsync(Enum.Parse<RegistrationMode>(mode), devices: ["dev-a", "dev-b"]);
        await h.Kubelet.WaitForResourceAsync(KubeletHarness.Resource, r => r.Allocatable == 2);
        await plugin.StopServingAsync();

        var gone = await h.Kubelet.WaitForResourceAsync(KubeletHarness.Resource, r => !r.Connected);
        Assert.Equal(2, gone.Capacity);
        Assert.Equal(0, gone.Allocatable);
        Assert.All(gone.Devices, d => Assert.Equal(DevicePluginApi.Unhealthy, d.Health));
        await WaitUntilAsync(() => h.Kubelet.GetResource(KubeletHarness.Resource) is null);
    }

    [Fact]
    public async Task Register_refuses_an_unsupported_version_and_an_invalid_name()
    {
        await using var h = await KubeletHarness.StartAsync();
        var old = await h.StartPluginAsync(RegistrationMode.KubeletSocket, start: false);
        old.RegisterVersion = "v1alpha";
        var e = await Assert.ThrowsAsync<RpcException>(old.StartAsync);
        Assert.Equal("requested API version \"v1alpha\" is not supported by kubelet. Supported versions are [\"v1beta1\"]",
            e.Status.Detail);

        var bad = await h.StartPluginAsync(RegistrationMode.KubeletSocket, resource: "nics", start: false);
        e = await Assert.ThrowsAsync<RpcException>(bad.StartAsync);
        Assert.StartsWith("the ResourceName \"nics\" is invalid", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2, h.Kubelet.Registrations.Count(r => !r.Accepted));
        Assert.Empty(h.Kubelet.Resources);
    }

    [Fact]
    public async Task Register_fails_when_the_plugin_does_not_serve_yet()
    {
        await using var h = await KubeletHarness.StartAsync();
        using var channel = UnixSocketChannel.Create(h.Kubelet.KubeletSocketPath);
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Registration.RegistrationClient(channel).RegisterAsync(new RegisterRequest
            {
                Version = DevicePluginApi.Version, Endpoint = "nobody.sock", ResourceName = KubeletHarness.Resource,
            }));
        Assert.Contains("failed to dial device plugin", e.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CSIPlugin", "v1beta1", "no handler registered for plugin type: CSIPlugin")]
    [InlineData("DevicePlugin", "v1alpha1", "is not among plugin supported versions")]
    public async Task The_plugin_watcher_reports_refusals_through_notify_registration_status(string type, string version,
        string error)
    {
        await using var h = await KubeletHarness.StartAsync();
        var refused = await h.StartPluginAsync(RegistrationMode.PluginWatcher, start: false);
        refused.Info.Type = type;
        refused.Info.SupportedVersions.Clear();
        refused.Info.SupportedVersions.Add(version);
        await refused.StartAsync();
        var record = await h.Kubelet.WaitForRegistrationAsync(r => !r.Accepted && r.Error!.Contains(error, StringComparison.Ordinal));
        Assert.Equal(RegistrationMode.PluginWatcher, record.Mode);
        await WaitUntilAsync(() => refused.Statuses.Any(s => !s.PluginRegistered && s.Error.Contains(error, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Removing_a_watched_socket_disconnects_its_resource()
    {
        await using var h = await KubeletHarness.StartAsync();
        var plugin = await h.StartPluginAsync(RegistrationMode.PluginWatcher);
        await h.Kubelet.WaitForResourceAsync(KubeletHarness.Resource, r => r.Allocatable == 4);
        File.Delete(plugin.SocketPath);
        var gone = await h.Kubelet.WaitForResourceAsync(KubeletHarness.Resource, r => !r.Connected);
        Assert.Equal(0, gone.Allocatable);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}
