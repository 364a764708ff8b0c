using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Discovery;
using Sriov.DevicePlugin.Selection;
using Sriov.DevicePlugin.Tests.Support;

namespace Sriov.DevicePlugin.Tests.Discovery;

/// <summary>DDP profiles: ddptool's JSON, the tool as a child process (a script standing in for it), and the cache
/// that keeps the 5 s resync from running the tool again for functions it already asked about.</summary>
public sealed class DdpProfilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dp-ddp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("""{"DDPInventory":{"device":"1592","address":"0000:3b:00.0","DDPpackage":{"track_id":"0xC0000002","version":"1.3.30.0","name":"ICE COMMS Package"}}}""", "ICE COMMS Package")]
    [InlineData("""{"DDPInventory":{"DDPpackage":{"name":"ICE OS Default Package"}}}""", "ICE OS Default Package")]
    [InlineData("""{"DDPInventory":{"DDPpackage":{"name":""}}}""", null)]
    [InlineData("""{"DDPInventory":{"DDPpackage":{"name":7}}}""", null)]
    [InlineData("""{"DDPInventory":{"DDPpackage":{}}}""", null)]
    [InlineData("""{"DDPInventory":{}}""", null)]
    [InlineData("""{"other":1}""", null)]
    [InlineData("""[1,2]""", null)]
    [InlineData("""{"DDPInventory":[{"DDPpackage":{"name":"x"}}]}""", null)]
    [InlineData("""{"DDPInventory":{"DDPpackage":"ICE COMMS Package"}}""", null)]
    [InlineData("""{"DDPInventory":""", null)]
    [InlineData("", null)]
    [InlineData("ddptool: no device found", null)]
    public void Parse_takes_the_package_name_of_ddptools_json(string json, string? expected) =>
        Assert.Equal(expected, DdptoolProfiles.Parse(json));

    [Fact]
    public void The_tool_answers_a_profile_exit_8_and_a_missing_tool_mean_none()
    {
        var (tool, _) = Tool();
        var profiles = new DdptoolProfiles(tool);
        Assert.Equal("ICE COMMS Package", profiles.Read("0000:3b:01.0"));
        Assert.Null(profiles.Read("0000:3b:11.0"));
        Assert.Null(new DdptoolProfiles(Path.Join(_dir, "no-such-tool")).Read("0000:3b:01.0"));
    }

    [Fact]
    public void Resyncs_run_the_tool_once_per_function_and_driver()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 2);
        var (tool, calls) = Tool();
        var scanner = new HostScanner(node.Root, new NoDefaultRoutes(), new DdptoolProfiles(tool));
        var config = ConfigLoader.Parse("""{"resourceList":[{"resourceName":"comms","selectors":{"ddpProfiles":["ICE COMMS Package"]}}]}""", "t", "intel.com");
        string Selected() => string.Join(" ", PoolBuilder.Build(config, scanner.Scan(config)).Pools[0].Devices.Select(d => d.Id[5..]));

        // Bound class-02 functions: the two ice PFs and four iavf VFs.
        Assert.Equal("3b:01.0 3b:01.1", Selected());
        Assert.Equal(6, Calls(calls).Count);
        Assert.Equal("3b:01.0 3b:01.1", Selected());
        Assert.Equal("3b:01.0 3b:01.1", Selected());
        Assert.Equal(6, Calls(calls).Count);

        // A rebind (here to vfio-pci) is a new driver: that function alone is asked again.
        var vf = Path.Join(node.Root.Sys, "bus/pci/devices/0000:3b:01.1");
        File.Delete(Path.Join(vf, "driver"));
        File.CreateSymbolicLink(Path.Join(vf, "driver"), Path.Join(node.Root.Sys, "bus/pci/drivers/vfio-pci"));
        Assert.Equal("3b:01.0 3b:01.1", Selected());
        Assert.Equal(["0000:3b:01.1"], Calls(calls).Skip(6));

        // A config without ddpProfiles asks nothing.
        var plain = ConfigLoader.Parse("""{"resourceList":[{"resourceName":"all","selectors":{}}]}""", "t", "intel.com");
        scanner.Scan(plain);
        Assert.Equal(7, Calls(calls).Count);
    }

    /// <summary>A stand-in for ddptool: logs the address it is asked about, answers the COMMS package for ens1f0's
    /// VFs and exits 8 ("no profile loaded") for anything else.</summary>
    private (string Tool, string Calls) Tool()
    {
        var tool = Path.Join(_dir, "ddptool");
        var calls = Path.Join(_dir, "calls");
        File.WriteAllText(tool, """
            #!/bin/sh
            echo "$5" >> 'CALLS'
            case "$1 $2 $3 $4 $5" in
              "-l -a -j -s 0000:3b:01."*) echo '{"DDPInventory":{"DDPpackage":{"version":"1.3.30.0","name":"ICE COMMS Package"}}}' ;;
              *) exit 8 ;;
            esac
            """.Replace("CALLS", calls, StringComparison.Ordinal));
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (tool, calls);
    }

    private static List<string> Calls(string file) => File.Exists(file) ? [.. File.ReadAllLines(file)] : [];
}
