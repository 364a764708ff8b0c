using Sriov.Cni.Tests.Support;
using Sriov.Host.Netlink;
using Sriov.Sim.VfDriver;

namespace Sriov.Cni.Tests.Netns;

/// <summary>
/// The requested MAC on the PF side and on the VF netdev in the pod, with each driver's way of propagating an admin
/// MAC to the VF netdev (emulator profiles): iavf late (300 ms after the set), mlx5 never, igbvf only on reload.
/// </summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class VfMacTests : IDisposable
{
    private readonly SimCni _sim = new(vfs: 1);

    [Theory]
    [InlineData("ice")]
    [InlineData("mlx5")]
    [InlineData("igb")]
    public void The_pod_sees_the_requested_mac_whatever_the_driver_does_with_the_admin_mac(string profile)
    {
        var pod = _sim.NewPod();
        var sink = new PodMacSink(pod);
        var emulator = new VfDriverEmulator(VfDriverProfile.ByName(profile), sink: sink);
        emulator.AddPf(_sim.PfName, 1);
        var before = _sim.HostLink(0)!;
        var mac = MacAddress.Parse("02:00:00:00:aa:01");
        var conf = SimCni.Config(_sim.Vfs[0], extra: """{"mac":"02:00:00:00:aa:01","trust":"on"}""");

        var add = _sim.Run("ADD", conf, pod, vfControl: emulator);
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal(mac.ToString(), add.Json.GetProperty("interfaces")[0].GetProperty("mac").GetString());
        Assert.Equal(mac, emulator.GetVf(_sim.PfName, 0).Mac);
        Assert.Equal(mac, SimCni.PodLink(pod, "net1")!.Mac);

        // iavf's late push lands after ADD returned (the emulator's timer; a loaded machine may delay it): the pod keeps the MAC.
        var waited = TimeSpan.Zero;
        for (var limit = profile == "ice" ? TimeSpan.FromSeconds(10) : VfDriverProfile.IceIavf.MacDelay * 2; !sink.Pushed && waited < limit; waited += TimeSpan.FromMilliseconds(50))
        {
            Thread.Sleep(50);
        }

        Assert.Equal(profile == "ice", sink.Pushed);
        Assert.Equal(mac, SimCni.PodLink(pod, "net1")!.Mac);

        var del = _sim.Run("DEL", conf, pod, vfControl: emulator);
        Assert.True(del.ExitCode == 0, del.ToString());
        var after = _sim.HostLink(0)!;
        Assert.Equal((before.Name, before.Mac), (after.Name, after.Mac));
        Assert.True(emulator.GetVf(_sim.PfName, 0).Mac.IsZero);
        Assert.Equal(false, emulator.GetVf(_sim.PfName, 0).Trust);
    }

    public void Dispose() => _sim.Dispose();

    /// <summary>Plays the VF driver taking the admin MAC: sets the VF veth's MAC where it is (in the pod by then).</summary>
    private sealed class PodMacSink(string pod) : IVfNetdevMacSink
    {
        private volatile bool _pushed;

        public bool Pushed => _pushed;

        public void VfNetdevMacChanged(string pf, int vf, MacAddress mac)
        {
            _ = Shell.Run("ip", "-n", SimCni.PodName(pod), "link", "set", "net1", "address", mac.ToString());
            _pushed = true;
        }
    }
}
