using Google.Protobuf;
using Sriov.Kubelet;
using Sriov.Kubelet.DevicePlugin.V1Beta1;
using Sriov.Kubelet.PluginRegistration.V1;
using Sriov.Sim.Kubelet;

namespace Sriov.Sim.Tests.Kubelet;

/// <summary>The shared kubelet API helpers and the wire format of our protos (field numbers are the contract).</summary>
public class KubeletApiTests
{
    [Theory]
    [InlineData("openshift.io/intelnics", null)]
    [InlineData("example.com/nic_1.a-b", null)]
    [InlineData("intel.com/intel_sriov_netdevice", null)]
    [InlineData("nics", "has no domain prefix")]
    [InlineData("", "empty")]
    [InlineData("kubernetes.io/foo", "reserved for native resources")]
    [InlineData("example.kubernetes.io/foo", "reserved for native resources")]
    [InlineData("requests.example.com/foo", "reserved for quota")]
    [InlineData("Example.com/foo", "not a lowercase DNS subdomain")]
    [InlineData("example.com/", "must be 1 to 63 characters")]
    [InlineData("example.com/-foo", "must consist of alphanumerics")]
    [InlineData("example.com/a/b", "more than one '/'")]
    public void Extended_resource_names_are_checked_like_the_kubelet(string name, string? error)
    {
        var result = ExtendedResourceName.Validate(name);
        if (error is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(error, result, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RegisterRequest_encodes_with_the_published_field_numbers()
    {
        var bytes = new RegisterRequest
        {
            Version = "v1beta1",
            Endpoint = "a.sock",
            ResourceName = "x.io/y",
            Options = new DevicePluginOptions { PreStartRequired = true, GetPreferredAllocationAvailable = true },
        }.ToByteArray();
        // field 1 (string) "v1beta1", field 2 "a.sock", field 3 "x.io/y", field 4 (message) {1: true, 2: true}
        byte[] expected =
        [
            0x0a, 7, .. "v1beta1"u8, 0x12, 6, .. "a.sock"u8, 0x1a, 6, .. "x.io/y"u8, 0x22, 4, 0x08, 1, 0x10, 1,
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Device_and_allocation_messages_encode_with_the_published_field_numbers()
    {
        var device = new Device { ID = "d", Health = "Healthy", Topology = new TopologyInfo { Nodes = { new NUMANode { ID = 1 } } } };
        Assert.Equal([0x0a, 1, (byte)'d', 0x12, 7, .. "Healthy"u8, 0x1a, 4, 0x0a, 2, 0x08, 1], device.ToByteArray());

        var preferred = new ContainerPreferredAllocationRequest { AvailableDeviceIDs = { "a" }, MustIncludeDeviceIDs = { "b" }, AllocationSize = 2 };
        Assert.Equal([0x0a, 1, (byte)'a', 0x12, 1, (byte)'b', 0x18, 2], preferred.ToByteArray());

        var response = new ContainerAllocateResponse { CdiDevices = { new CDIDevice { Name = "c" } } };
        response.Envs["k"] = "v";
        response.Mounts.Add(new Mount { ReadOnly = true });
        response.Devices.Add(new DeviceSpec { Permissions = "r" });
        response.Annotations["a"] = "b";
        Assert.Equal(
            [
                0x0a, 6, 0x0a, 1, (byte)'k', 0x12, 1, (byte)'v', // envs map entry
                0x12, 2, 0x18, 1, // mounts: read_only = 3
                0x1a, 3, 0x1a, 1, (byte)'r', // devices: permissions = 3
                0x22, 6, 0x0a, 1, (byte)'a', 0x12, 1, (byte)'b', // annotations map entry
                0x2a, 3, 0x0a, 1, (byte)'c', // cdi_devices = 5
            ],
            response.ToByteArray());
    }

    [Fact]
    public void Plugin_registration_messages_encode_with_the_published_field_numbers()
    {
        var info = new PluginInfo { Type = "T", Name = "N", Endpoint = "E", SupportedVersions = { "v" } };
        Assert.Equal([0x0a, 1, (byte)'T', 0x12, 1, (byte)'N', 0x1a, 1, (byte)'E', 0x22, 1, (byte)'v'], info.ToByteArray());
        var status = new RegistrationStatus { PluginRegistered = true, Error = "e" };
        Assert.Equal([0x08, 1, 0x12, 1, (byte)'e'], status.ToByteArray());
    }

    [Theory]
    [InlineData(new[] { "a", "b", "c", "d" }, null, 2, new[] { "a", "b" })]
    [InlineData(new[] { "a", "b", "c", "d" }, new[] { "d", "c" }, 2, new[] { "d", "c" })]
    [InlineData(new[] { "a", "b", "c", "d" }, new[] { "d" }, 3, new[] { "d", "a", "b" })]
    [InlineData(new[] { "a", "b" }, new[] { "zz", "b", "b" }, 2, new[] { "b", "a" })]
    [InlineData(new[] { "c", "a", "b" }, new string[0], 2, new[] { "a", "b" })]
    public void Device_choice_takes_available_preferred_devices_then_fills_in_id_order(string[] available,
        string[]? preferred, int count, string[] expected) =>
        Assert.Equal(expected, DeviceChooser.Choose(available, preferred, count));

    [Fact]
    public void Device_choice_refuses_more_than_available()
    {
        var e = Assert.Throws<KubeletAllocationException>(() => DeviceChooser.Choose(["a"], null, 2));
        Assert.Equal("requested number of devices unavailable. Requested: 2, Available: 1", e.Message);
    }

    [Fact]
    public void Kubelet_start_cleans_files_but_keeps_directories_and_the_checkpoint()
    {
        var dir = Directory.CreateTempSubdirectory("sriov-sim-clean-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "old.sock"), "");
            File.WriteAllText(Path.Combine(dir, KubeletPaths.CheckpointFileName), "{}");
            Directory.CreateDirectory(Path.Combine(dir, "sub"));
            SocketFiles.CleanDevicePluginDir(dir);
            Assert.Equal([KubeletPaths.CheckpointFileName, "sub"],
                Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
