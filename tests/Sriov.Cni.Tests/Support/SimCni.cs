using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Sriov.Cni.Journal;
using Sriov.Cni.Plugin;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;
using Sriov.Host.Ownership;
using Sriov.Host.Sysfs;
using Sriov.Host.VfControl;
using Sriov.Sim.Node;
using Sriov.Sim.Node.Profiles;

namespace Sriov.Cni.Tests.Support;

/// <summary>
/// A simulated igb node with veth VF netdevs (hack/Sriov.Sim) and the pods of one test: named netns carrying the
/// node's token, deleted on dispose after the node (whose netns takes every veth with it). Runs the plugin in-process
/// (<see cref="Run"/>) or as a process (<see cref="Exec"/>), pointed at the node's root.
/// </summary>
internal sealed class SimCni : IDisposable
{
    private readonly List<string> _pods = [];
    private readonly List<string> _hostLinks = [];
    private int _podCounter;

    public SimCni(int vfs = 2, bool iommu = false)
    {
        var description = NodeProfiles.Get("igb");
        description.Ports[0].NumVfs = vfs;
        description.Iommu = iommu ? "on" : "off";
        Node = SimNode.Create(description, new SimNodeOptions { Netdevs = NetdevMode.Veth, NetdevDelay = TimeSpan.FromMilliseconds(10) });
        Node.WaitIdleAsync().GetAwaiter().GetResult();
        var pf = new PciDiscovery(Node.Root).Discover(PciAddress.Parse("0000:01:00.0"))!;
        Vfs = [.. pf.Vfs.Select(v => v.Address.ToString())];
        IpamDir = Directory.CreateTempSubdirectory("s5-hostlocal-").FullName;
    }

    public SimNode Node { get; }

    public Sriov.Host.HostRoot Root => Node.Root;

    public string PfName => Node.Token + "eth0";

    /// <summary>VF PCI addresses by index.</summary>
    public IReadOnlyList<string> Vfs { get; }

    /// <summary>host-local's dataDir for this test.</summary>
    public string IpamDir { get; }

    public JournalStore Journals => new(Root.CniState);

    /// <summary>The host name a VF's netdev was created with.</summary>
    public string VfName(int index) => Node.Token + "eth" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>A new pod netns; returns its path (<c>/run/netns/...</c>).</summary>
    public string NewPod()
    {
        var name = $"s5{Node.Token}p{Interlocked.Increment(ref _podCounter)}";
        Shell.Ip("netns", "add", name);
        _pods.Add(name);
        return "/run/netns/" + name;
    }

    public static string PodName(string path) => Path.GetFileName(path);

    /// <summary>Deletes a pod netns now (its VF goes back to the host, as the kernel does; the simulator re-creates it).</summary>
    public void DeletePod(string path) => Shell.Ip("netns", "del", PodName(path));

    /// <summary>Remembers a host interface the test made, for cleanup.</summary>
    public void TrackHostLink(string name) => _hostLinks.Add(name);

    public PluginContext Context(IVfControl? vfControl = null, TimeSpan? returnWait = null) => new()
    {
        Root = Root,
        Journals = Journals,
        VfControl = vfControl is null ? static rtnl => new NetlinkVfControl(rtnl) : _ => vfControl,
        ReturnWait = returnWait ?? TimeSpan.FromSeconds(2),
    };

    public static string Config(string deviceId, string? ipam = null, string extra = "{}", string version = "1.0.0")
    {
        var conf = JsonNode.Parse(Conf.With(extra, deviceId))!.AsObject();
        conf["cniVersion"] = version;
        if (ipam is not null)
        {
            conf["ipam"] = JsonNode.Parse(ipam);
        }

        return conf.ToJsonString();
    }

    public string HostLocal(string subnet = "10.77.0.0/24", string gateway = "10.77.0.1") =>
        $$"""{"type":"host-local","dataDir":"{{IpamDir}}","ranges":[[{"subnet":"{{subnet}}","gateway":"{{gateway}}"}]],"routes":[{"dst":"10.78.0.0/16"}]}""";

    public CniOutput Run(string command, string conf, string pod, string containerId = "ctr1", string ifName = "net1", IVfControl? vfControl = null, string path = "/usr/lib/cni", string args = "", TimeSpan? returnWait = null)
    {
        var env = InProcess.Env(command, containerId, ifName, pod, path, args);
        return InProcess.Run(Context(vfControl, returnWait), env, conf);
    }

    /// <summary>Runs the plugin binary as a process (optionally under a wrapper such as strace) against the node.</summary>
    public CniOutput Exec(string binary, string command, string conf, string pod, string containerId = "ctr1", string ifName = "net1", string path = "/usr/lib/cni", IReadOnlyList<string>? wrapper = null, Action<Process>? started = null)
    {
        var start = new ProcessStartInfo(wrapper is null ? binary : wrapper[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in wrapper?.Skip(1) ?? [])
        {
            start.ArgumentList.Add(a);
        }

        if (wrapper is not null)
        {
            start.ArgumentList.Add(binary);
        }

        start.Environment["CNI_COMMAND"] = command;
        start.Environment["CNI_CONTAINERID"] = containerId;
        start.Environment["CNI_IFNAME"] = ifName;
        start.Environment["CNI_NETNS"] = pod;
        start.Environment["CNI_PATH"] = path;
        start.Environment["CNI_ARGS"] = string.Empty;
        start.Environment["SRIOV_HOST_ROOT"] = Root.Path;
        using var process = Process.Start(start)!;
        started?.Invoke(process);
        process.StandardInput.Write(conf);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{binary} {command} did not finish within 120 s");
        }

        // A child the plugin left running (a delegate) may hold the pipes open: do not wait for it forever.
        if (!Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"{binary} {command} exited but its output pipes stayed open (a child still holds them)");
        }

        return new CniOutput(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The VF's netdev as the host sees it (sysfs of the simulated node), after the simulator caught up.</summary>
    public LinkInfo? HostLink(int vf)
    {
        Node.WaitIdleAsync().GetAwaiter().GetResult();
        var name = VfResolver.HostNetdev(Root, Vfs[vf]);
        if (name is null)
        {
            return null;
        }

        using var rtnl = RouteNetlink.Open();
        return rtnl.TryGetLink(name);
    }

    /// <summary>A link inside a pod netns, or null.</summary>
    public static LinkInfo? PodLink(string pod, string name)
    {
        using var ns = NetNs.Open(pod);
        using var rtnl = RouteNetlink.OpenIn(ns);
        return rtnl.TryGetLink(name);
    }

    public static IReadOnlyList<string> PodAddresses(string pod, string name)
    {
        var output = Shell.Ip("-n", PodName(pod), "-o", "addr", "show", "dev", name);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3])];
    }

    public static string PodRoutes(string pod, string family = "-4") => Shell.Ip("-n", PodName(pod), family, "route", "show");

    public bool HasRecord(int vf) => AllocationRecords.Read(Root, Vfs[vf]) is not null;

    public void Dispose()
    {
        Node.Dispose();
        foreach (var pod in _pods)
        {
            _ = Shell.Run("ip", "netns", "del", pod);
        }

        foreach (var link in _hostLinks)
        {
            _ = Shell.Run("ip", "link", "del", link);
        }

        Directory.Delete(IpamDir, recursive: true);
    }

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
