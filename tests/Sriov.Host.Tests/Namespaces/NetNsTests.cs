using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;

namespace Sriov.Host.Tests.Namespaces;

[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class NetNsTests : IDisposable
{
    private readonly TestNetns _ns = new();

    public void Dispose() => _ns.Dispose();

    [Fact]
    public void Opening_a_named_netns_validates_it_and_reports_its_inode()
    {
        var name = _ns.Add();

        using var ns = NetNs.Open("/run/netns/" + name);

        var inode = ulong.Parse(Shell.Check("stat", "-L", "-c", "%i", "/run/netns/" + name).Trim());
        Assert.Equal(inode, ns.Inode);
        using var host = NetNs.OpenHost();
        Assert.False(ns.IsSameAs(host));
        using var again = NetNs.Open("/run/netns/" + name);
        Assert.True(again.IsSameAs(ns));
    }

    [Fact]
    public void A_missing_path_is_its_own_error()
    {
        var path = $"/run/netns/s4-{TestNetns.Token}-missing";

        var error = Assert.Throws<NetnsNotFoundException>(() => NetNs.Open(path));

        Assert.Equal(path, error.Path);
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal($"open netns {path}: No such file or directory (ENOENT)", error.Message);
    }

    [Fact]
    public void A_regular_file_is_not_a_netns()
    {
        var file = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<NetnsException>(() => NetNs.Open(file));

            Assert.IsNotType<NetnsNotFoundException>(error);
            Assert.Contains("is not a network namespace", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Another_kind_of_namespace_is_not_a_netns()
    {
        var error = Assert.Throws<NetnsException>(() => NetNs.Open("/proc/self/ns/uts"));

        Assert.Contains("not a network namespace", error.Message);
    }

    [Fact]
    public void The_proc_path_of_a_process_is_accepted()
    {
        using var viaProc = NetNs.Open($"/proc/{Environment.ProcessId}/ns/net");
        using var host = NetNs.OpenHost();

        Assert.True(viaProc.IsSameAs(host));
        Assert.True(host.ContainsCurrentThread());
    }

    [Fact]
    public void A_temporary_netns_is_new_empty_and_usable_through_a_socket_made_inside_it()
    {
        using var host = NetNs.OpenHost();
        using var temp = NetNs.CreateTemporary();

        Assert.False(temp.IsSameAs(host));
        Assert.True(host.ContainsCurrentThread());
        using var rtnl = RouteNetlink.OpenIn(temp);
        var links = rtnl.GetLinks();
        Assert.Equal("lo", Assert.Single(links).Name);
    }

    [Fact]
    public void Run_executes_inside_the_netns_and_proc_sys_writes_land_there()
    {
        var name = _ns.Add();
        using var ns = _ns.Open(name);
        using var host = NetNs.OpenHost();
        var hostForwarding = File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim();
        var wanted = hostForwarding == "1" ? "0" : "1";

        var inside = NetnsRunner.Run(ns, () =>
        {
            File.WriteAllText("/proc/sys/net/ipv4/ip_forward", wanted);
            return ns.ContainsCurrentThread();
        });

        Assert.True(inside);
        Assert.True(host.ContainsCurrentThread());
        Assert.Equal(hostForwarding, File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim());
        Assert.Equal(wanted, Shell.Check("ip", "netns", "exec", name, "cat", "/proc/sys/net/ipv4/ip_forward").Trim());
    }

    [Fact]
    public async Task Inside_run_the_thread_is_marked_and_starting_a_child_process_is_refused()
    {
        var name = _ns.Add();
        using var ns = _ns.Open(name);

        var (marked, error) = NetnsRunner.Run(ns, () =>
            (NetnsRunner.CurrentForeignNetns, Record.Exception(() => NetnsRunner.ThrowIfInForeignNetns("the bridge delegate"))));

        Assert.Equal(ns.Path, marked);
        var refused = Assert.IsType<InvalidOperationException>(error);
        Assert.Equal(
            $"refusing to start the bridge delegate from a thread inside network namespace {ns.Path} (NetnsRunner.Run): a child "
            + "process inherits its thread's namespace; start it from an ordinary thread, outside the NetnsRunner action",
            refused.Message);

        // Ordinary threads, before and after: no mark, no refusal.
        Assert.Null(NetnsRunner.CurrentForeignNetns);
        NetnsRunner.ThrowIfInForeignNetns("the bridge delegate");
        Assert.Null(await Task.Run(() => NetnsRunner.CurrentForeignNetns));
    }

    [Fact]
    public void Exceptions_inside_run_reach_the_caller_and_the_caller_stays_home()
    {
        var name = _ns.Add();
        using var ns = _ns.Open(name);
        using var host = NetNs.OpenHost();

        var error = Assert.Throws<InvalidOperationException>(() => NetnsRunner.Run(ns, () => throw new InvalidOperationException("boom")));

        Assert.Equal("boom", error.Message);
        Assert.True(host.ContainsCurrentThread());
    }

    [Fact]
    public async Task After_a_thousand_namespace_operations_no_thread_is_outside_the_host_netns()
    {
        var name = _ns.Add();
        using var ns = _ns.Open(name);
        using var host = NetNs.OpenHost();

        // Operations run from pool threads, concurrently, as a daemon would issue them.
        await Parallel.ForAsync(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            switch (i % 4)
            {
                case 0:
                    Assert.True(NetnsRunner.Run(ns, () => ns.ContainsCurrentThread()));
                    break;
                case 1:
                    using (var rtnl = RouteNetlink.OpenIn(ns))
                    {
                        Assert.NotNull(rtnl.TryGetLink("lo"));
                    }

                    break;
                case 2:
                    if (i % 40 == 2)
                    {
                        using var temp = NetNs.CreateTemporary();
                    }
                    else
                    {
                        NetnsRunner.Run(ns, () => { });
                    }

                    break;
                default:
                    await Task.Yield();
                    Assert.True(host.ContainsCurrentThread());
                    break;
            }
        });

        // Force the pool to grow now: any worker born from a thread in a foreign namespace would show up here.
        using var gate = new Barrier(32);
        var seen = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Factory.StartNew(() =>
        {
            gate.SignalAndWait(TimeSpan.FromSeconds(30));
            return host.ContainsCurrentThread();
        }, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default)));
        Assert.All(seen, Assert.True);

        var outside = Directory.GetDirectories("/proc/self/task")
            .Select(t => int.Parse(Path.GetFileName(t)))
            .Where(tid => !host.ContainsThread(tid) && Directory.Exists($"/proc/self/task/{tid}"))
            .ToList();
        Assert.Empty(outside);
    }
}
