using System.Text.Json;
using Sriov.Host.Ownership;

namespace Sriov.Host.Tests.Ownership;

public sealed class ReconfiguringMarkerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("marker-").FullName;
    private readonly HostRoot _root;

    public ReconfiguringMarkerTests() => _root = new HostRoot(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Set_then_clear()
    {
        Assert.False(ReconfiguringMarker.IsSet(_root, "0000:3b:00.0"));

        ReconfiguringMarker.Set(_root, "0000:3b:00.1", "set VF count 8", DateTimeOffset.UnixEpoch);
        ReconfiguringMarker.Set(_root, "0000:3b:00.0", "bind VFs 0-3 to vfio-pci", DateTimeOffset.UnixEpoch);

        Assert.True(ReconfiguringMarker.IsSet(_root, "0000:3b:00.0"));
        Assert.Equal(["0000:3b:00.0", "0000:3b:00.1"], ReconfiguringMarker.List(_root));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Join(_dir, "var/run/sriov/reconfiguring/0000:3b:00.0")));
        Assert.Equal("bind VFs 0-3 to vfio-pci", doc.RootElement.GetProperty("reason").GetString());
        Assert.Equal(Environment.ProcessId, doc.RootElement.GetProperty("pid").GetInt32());

        ReconfiguringMarker.Clear(_root, "0000:3b:00.0");
        ReconfiguringMarker.Clear(_root, "0000:3b:00.0");

        Assert.False(ReconfiguringMarker.IsSet(_root, "0000:3b:00.0"));
        Assert.Equal(["0000:3b:00.1"], ReconfiguringMarker.List(_root));
    }

    [Fact]
    public void A_marker_path_is_never_built_from_a_bad_address()
    {
        var e = Assert.Throws<ArgumentException>(() => ReconfiguringMarker.PathFor(_root, "../x"));
        Assert.Contains("pfPciAddress", e.Message, StringComparison.Ordinal);
    }
}
