using Sriov.Api.Bridges;
using Sriov.Api.Common;
using Sriov.Api.Policies;
using Sriov.Operator.Admission;
using static Sriov.Operator.Tests.Admission.AdmissionFixture;
using static Sriov.Operator.Tests.Fixtures.Make;

namespace Sriov.Operator.Tests.Admission;

/// <summary>Every SriovNetworkNodePolicy rule of operator.md §5.2, each on an otherwise valid policy.</summary>
public sealed class PolicyValidatorTests
{
    private static readonly Dictionary<string, Action<SriovNetworkNodePolicySpec>> Edits = new()
    {
        ["valid"] = _ => { },
        // Rule 1
        ["empty resourceName"] = s => s.ResourceName = "",
        ["long resourceName"] = s => s.ResourceName = new string('a', 64),
        ["resourceName with dot"] = s => s.ResourceName = "intel.nics",
        ["resourceName ending in dash"] = s => s.ResourceName = "nics-",
        // Rule 2
        ["empty nicSelector"] = s => s.NicSelector = new NicSelector(),
        // Rule 3
        ["netFilter with pfNames"] = s => s.NicSelector!.NetFilter = "openstack/NetworkID:net-a",
        ["netFilter with switchdev"] = s => { s.NicSelector = new NicSelector { NetFilter = "openstack/NetworkID:net-a" }; s.ESwitchMode = "switchdev"; },
        ["netFilter with IB"] = s => { s.NicSelector = new NicSelector { NetFilter = "openstack/NetworkID:net-a" }; s.LinkType = "IB"; },
        ["netFilter with bridge"] = s => { s.NicSelector = new NicSelector { NetFilter = "openstack/NetworkID:net-a" }; s.Bridge = new BridgeSpec(); },
        // Rule 4
        ["unsupported vendor"] = s => s.NicSelector!.Vendor = "1234",
        ["unsupported model"] = s => s.NicSelector!.DeviceId = "1528",
        ["unsupported device alone"] = s => { s.NicSelector!.Vendor = null; s.NicSelector.DeviceId = "abcd"; },
        // Rule 5
        ["range with two hashes"] = s => s.NicSelector!.PfNames = ["ens1f0#0-1#2-3"],
        ["range not integer"] = s => s.NicSelector!.PfNames = ["ens1f0#a-3"],
        ["range reversed"] = s => s.NicSelector!.PfNames = ["ens1f0#5-2"],
        ["range beyond numVfs"] = s => s.NicSelector!.PfNames = ["ens1f0#0-8"],
        // Rules 6-9
        ["vfio with rdma"] = s => { s.DeviceType = "vfio-pci"; s.IsRdma = true; },
        ["switchdev with IB"] = s => { s.ESwitchMode = "switchdev"; s.LinkType = "IB"; },
        ["vdpa with vfio"] = s => { s.VdpaType = "vhost"; s.DeviceType = "vfio-pci"; s.ESwitchMode = "switchdev"; },
        ["vdpa without switchdev"] = s => s.VdpaType = "virtio",
        ["bridge without switchdev"] = s => s.Bridge = new BridgeSpec { Ovs = new OvsConfig() },
        ["bridge with externallyManaged"] = s => { s.Bridge = new BridgeSpec(); s.ESwitchMode = "switchdev"; s.ExternallyManaged = true; },
        // Rule 10
        ["no node"] = s => s.NodeSelector = new() { ["zone"] = "nowhere" },
        // Rule 11
        ["zero VFs"] = s => { s.NumVfs = 0; s.NicSelector!.PfNames = ["ens1f0"]; },
        ["above totalvfs"] = s => { s.NumVfs = 65; s.NicSelector!.PfNames = ["ens1f0"]; },
        ["mellanox above 128"] = s => { s.NumVfs = 129; s.NicSelector = new NicSelector { Vendor = "15b3", DeviceId = "101d" }; },
        ["mellanox above totalvfs is fine"] = s => { s.NumVfs = 16; s.NicSelector = new NicSelector { Vendor = "15b3", DeviceId = "101d" }; },
        ["external more VFs than present"] = s => { s.ExternallyManaged = true; s.NicSelector = new NicSelector { PfNames = ["ens4f0"] }; },
        ["external higher mtu"] = s => { s.ExternallyManaged = true; s.NumVfs = 4; s.Mtu = 9000; s.NicSelector = new NicSelector { PfNames = ["ens4f0"] }; },
        ["external other link type"] = s => { s.ExternallyManaged = true; s.NumVfs = 4; s.LinkType = "ib"; s.IsRdma = false; s.DeviceType = "vfio-pci"; s.NicSelector = new NicSelector { PfNames = ["ens4f0"] }; },
        ["external that fits"] = s => { s.ExternallyManaged = true; s.NumVfs = 4; s.Mtu = 1500; s.NicSelector = new NicSelector { PfNames = ["ens4f0"] }; },
        ["vdpa on intel"] = s => { s.VdpaType = "virtio"; s.ESwitchMode = "switchdev"; },
        // Rule 12
        ["no supported nic"] = s => s.NicSelector = new NicSelector { PfNames = ["eno1"] },
        ["no nic at all"] = s => s.NicSelector = new NicSelector { PfNames = ["ens9f9"] },
        ["node not reported"] = s => s.NodeSelector = new() { ["zone"] = "c" },
        ["virtual platform vf model"] = s => { s.NodeSelector = new() { ["platform"] = "openstack" }; s.NumVfs = 1; s.NicSelector = new NicSelector { NetFilter = "openstack/NetworkID:net-a" }; },
    };

    [Theory]
    [InlineData("valid", null)]
    [InlineData("empty resourceName", "spec.resourceName is empty")]
    [InlineData("long resourceName", "is 64 characters long; use at most 63")]
    [InlineData("resourceName with dot", "may contain only letters, digits, '_' and '-'")]
    [InlineData("resourceName ending in dash", "must start and end with a letter or digit")]
    [InlineData("empty nicSelector", "spec.nicSelector selects no NIC")]
    [InlineData("netFilter with pfNames", "netFilter cannot be combined with vendor, deviceID, pfNames or rootDevices")]
    [InlineData("netFilter with switchdev", "netFilter cannot be used with eSwitchMode switchdev")]
    [InlineData("netFilter with IB", "netFilter works only with linkType eth, found IB")]
    [InlineData("netFilter with bridge", "netFilter cannot be used with spec.bridge")]
    [InlineData("unsupported vendor", "vendor 1234 is not a vendor of any supported NIC model")]
    [InlineData("unsupported model", "vendor 8086 device 1528 is not a supported NIC model")]
    [InlineData("unsupported device alone", "deviceID abcd is not the PF device id of any supported NIC model")]
    [InlineData("range with two hashes", "has more than one '#'")]
    [InlineData("range not integer", "is not a non-negative integer")]
    [InlineData("range reversed", "has its last VF index 2 before its first 5")]
    [InlineData("range beyond numVfs", "the last VF index 8 exceeds the highest VF index 7 of numVfs 8")]
    [InlineData("vfio with rdma", "deviceType vfio-pci cannot be combined with isRdma: true")]
    [InlineData("switchdev with IB", "eSwitchMode switchdev needs linkType eth, found IB")]
    [InlineData("vdpa with vfio", "vdpaType vhost needs deviceType netdevice")]
    [InlineData("vdpa without switchdev", "vdpaType virtio needs eSwitchMode switchdev")]
    [InlineData("bridge without switchdev", "spec.bridge needs eSwitchMode switchdev")]
    [InlineData("bridge with externallyManaged", "spec.bridge cannot be used with externallyManaged: true")]
    [InlineData("no node", "no node matches spec.nodeSelector")]
    [InlineData("zero VFs", "spec.numVfs is 0 but the policy selects NIC ens1f0 (0000:17:00.0) on node w0")]
    [InlineData("above totalvfs", "spec.numVfs 65 exceeds the 64 VFs NIC ens1f0")]
    [InlineData("mellanox above 128", "spec.numVfs 129 exceeds the 128 VFs a Mellanox NIC supports")]
    [InlineData("mellanox above totalvfs is fine", null)]
    [InlineData("external more VFs than present", "externallyManaged policy asks for 8 VFs but NIC ens4f0 (0000:5e:00.0) on node w0 has 4")]
    [InlineData("external higher mtu", "externallyManaged policy asks for MTU 9000 but NIC ens4f0")]
    [InlineData("external other link type", "externallyManaged policy asks for linkType ib but NIC ens4f0 (0000:5e:00.0) on node w0 has ETH")]
    [InlineData("external that fits", null)]
    [InlineData("vdpa on intel", "vdpaType virtio is supported on Mellanox NICs only")]
    [InlineData("no supported nic", "spec.nicSelector selects no supported NIC on the 1 node(s)")]
    [InlineData("no nic at all", "spec.nicSelector selects no supported NIC")]
    [InlineData("node not reported", "nodes new have not reported their NICs yet")]
    [InlineData("virtual platform vf model", null)]
    public void Rule(string edit, string? error)
    {
        var result = PolicyValidator.Review(Valid(edit: Edits[edit]), AdmissionOperation.Create, Cluster());

        if (error is null)
        {
            Assert.True(result.Allowed, result.Message);
        }
        else
        {
            Assert.False(result.Allowed);
            Assert.Contains(error, result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dev_mode_accepts_unsupported_models()
    {
        var policy = Valid(edit: s => s.NicSelector = new NicSelector { Vendor = "8086", DeviceId = "1528", PfNames = ["eno1"] });

        Assert.False(PolicyValidator.Review(policy, AdmissionOperation.Create, Cluster()).Allowed);
        Assert.True(PolicyValidator.Review(policy, AdmissionOperation.Create, Cluster(devMode: true)).Allowed);
    }

    [Fact]
    public void All_static_problems_are_reported_together()
    {
        var result = PolicyValidator.Review(Valid(edit: s => { s.ResourceName = ""; s.DeviceType = "vfio-pci"; s.IsRdma = true; }), AdmissionOperation.Create, Cluster());

        Assert.Contains("spec.resourceName is empty", result.Message, StringComparison.Ordinal);
        Assert.Contains("deviceType vfio-pci cannot be combined with isRdma: true", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AdmissionOperation.Delete, "p", Ns, true, null)]
    [InlineData(AdmissionOperation.Create, "default", Ns, true, null)]
    [InlineData(AdmissionOperation.Create, "p", "other", true, "is created or updated but not used: only policies in namespace sriov-network-operator are respected")]
    public void Deletes_legacy_default_and_foreign_namespaces_are_allowed(AdmissionOperation op, string name, string ns, bool allowed, string? warning)
    {
        var policy = Valid(name, s => s.ResourceName = "");
        policy.Metadata.NamespaceProperty = ns;

        var result = PolicyValidator.Review(policy, op, Cluster());

        Assert.Equal(allowed, result.Allowed);
        Assert.Equal(warning, result.Warnings.SingleOrDefault()?[(result.Warnings.Single().IndexOf("is", StringComparison.Ordinal))..]);
    }

    [Fact]
    public void Mutation_patch_is_returned_and_validation_sees_the_mutated_policy()
    {
        // linkType IB + vfio would be rejected only if isRdma became true; the IB rule skips vfio-pci.
        var result = PolicyValidator.Review(Valid(edit: s => { s.Priority = null; s.LinkType = "IB"; s.DeviceType = "vfio-pci"; s.NicSelector = new NicSelector { PfNames = ["ens3f0np0"] }; s.NumVfs = 4; }), AdmissionOperation.Create, Cluster());

        Assert.True(result.Allowed, result.Message);
        Assert.Equal(["/spec/priority", "/spec/isRdma"], result.Patch.Select(p => p.Path));
    }
}
