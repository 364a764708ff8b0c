using Sriov.Cni.Skel;

namespace Sriov.Cni.Tests.Core;

/// <summary>CNI_* variables are checked before any path is built from them (code 4, naming the variable).</summary>
public sealed class EnvironmentTests
{
    [Theory]
    [InlineData("ADD", "", "n", "net1", "[CNI_CONTAINERID]")]
    [InlineData("ADD", "c", "", "net1", "[CNI_NETNS]")]
    [InlineData("ADD", "", "", "", "[CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME]")]
    [InlineData("CHECK", "c", "", "net1", "[CNI_NETNS]")]
    [InlineData("DEL", "c", "", "", "[CNI_IFNAME]")]
    [InlineData("ADD", "../etc", "n", "net1", "CNI_CONTAINERID \"../etc\" is invalid")]
    [InlineData("DEL", "-abc", "", "net1", "CNI_CONTAINERID \"-abc\" is invalid")]
    [InlineData("ADD", "a/b", "n", "net1", "CNI_CONTAINERID \"a/b\" is invalid")]
    [InlineData("ADD", "c", "n", "net1-is-far-too-long", "is 20 bytes long")]
    [InlineData("ADD", "c", "n", "a/b", "contains '/'")]
    [InlineData("ADD", "c", "n", "..", "interface name \"..\" is reserved")]
    [InlineData("ADD", "c", "n", "a b", "contains ' '")]
    [InlineData("", "c", "n", "net1", "[CNI_COMMAND] missing")]
    [InlineData("FROB", "c", "n", "net1", "CNI_COMMAND \"FROB\" is unknown")]
    public void Invalid_environments_are_code_4(string command, string containerId, string netns, string ifName, string message)
    {
        var env = new Dictionary<string, string> { ["CNI_COMMAND"] = command, ["CNI_CONTAINERID"] = containerId, ["CNI_NETNS"] = netns, ["CNI_IFNAME"] = ifName };
        var e = Assert.Throws<CniException>(() => CniEnvironmentReader.Read(k => env.GetValueOrDefault(k)));
        Assert.Equal(4, e.Code);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Del_needs_no_netns_and_status_gc_need_no_attachment()
    {
        var del = CniEnvironmentReader.Read(k => k switch { "CNI_COMMAND" => "DEL", "CNI_CONTAINERID" => "c.1_x-2", "CNI_IFNAME" => "net1", "CNI_PATH" => "/a::/b", _ => null });
        Assert.Equal((CniCommand.Del, "c.1_x-2", string.Empty, "net1"), (del.Command, del.ContainerId, del.Netns, del.IfName));
        Assert.Equal(["/a", "/b"], del.Path);
        Assert.Equal(CniCommand.Gc, CniEnvironmentReader.Read(k => k == "CNI_COMMAND" ? "GC" : null).Command);
        Assert.Equal(CniCommand.Status, CniEnvironmentReader.Read(k => k == "CNI_COMMAND" ? "STATUS" : null).Command);
    }

    [Theory]
    [InlineData("", null, false)]
    [InlineData("IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=p;MAC=02:00:00:00:00:01", "02:00:00:00:00:01", true)]
    [InlineData("IgnoreUnknown=True;K8S_POD_NAME=p;", null, true)]
    [InlineData("MAC=02:00:00:00:00:01;IgnoreUnknown=false", "02:00:00:00:00:01", false)]
    [InlineData("K8S_POD_NAME=a=b;IgnoreUnknown=1", null, true)]
    public void Cni_args_read_mac_and_ignore_unknown(string text, string? mac, bool ignore)
    {
        Assert.Equal(new CniArgs(mac, ignore), CniArgs.Parse(text));
    }
}
