using System.Diagnostics;
using Sriov.Host.Locks;
using Sriov.Host.Tests.Namespaces;

namespace Sriov.Host.Tests.Locks;

/// <summary>
/// Interoperability with another process holding the lock through a plain <c>flock(1)</c> command, as an upstream
/// sriov-cni would (same path, same primitive). In the Netns collection because it starts child processes and needs
/// real timing, not because it needs a namespace.
/// </summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class VfLockNetnsTests : IDisposable
{
    private const string Pci = "0000:3b:02.1";
    private readonly string _root = Directory.CreateTempSubdirectory("s4-lock-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_lock_held_by_another_process_makes_us_wait_then_succeed()
    {
        var root = new HostRoot(_root);
        using var holder = Hold(root, seconds: 1.5);

        var clock = Stopwatch.StartNew();
        using var vfLock = VfLock.Acquire(root, Pci, TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(0.5), $"acquired after {clock.Elapsed}, while flock(1) still held it");
        Assert.Equal(Path.Combine(_root, "var/lib/cni/sriov/pci/vf_lock/0000:3b:02.1.lock"), vfLock.Path);
    }

    [Fact]
    public void A_lock_held_past_the_deadline_times_out_naming_the_holder()
    {
        var root = new HostRoot(_root);
        using var holder = Hold(root, seconds: 30);
        try
        {
            var error = Assert.Throws<VfLockTimeoutException>(() => VfLock.Acquire(root, Pci, TimeSpan.FromMilliseconds(300)));

            Assert.Contains(holder.Id, error.Holders);
            Assert.Contains($"is held by PID {holder.Id}", error.Message);
            Assert.Null(VfLock.TryAcquire(root, Pci));
        }
        finally
        {
            // flock(1)'s child inherits the locked descriptor: end the whole tree to release it.
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }

        using var after = VfLock.Acquire(root, Pci, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void While_we_hold_the_lock_flock_cannot_take_it()
    {
        var root = new HostRoot(_root);
        using (var held = VfLock.Acquire(root, Pci, TimeSpan.FromSeconds(1)))
        {
            Assert.Equal(1, Shell.Run("flock", "--nonblock", "--conflict-exit-code", "1", held.Path, "true").Exit);
        }

        Assert.Equal(0, Shell.Run("flock", "--nonblock", VfLock.PathFor(root, Pci), "true").Exit);
    }

    private static Process Hold(HostRoot root, double seconds)
    {
        var path = VfLock.PathFor(root, Pci);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var ready = path + ".ready";
        var start = new ProcessStartInfo("flock") { ArgumentList = { path, "sh", "-c", $"touch '{ready}'; sleep {seconds}" } };
        var process = Process.Start(start)!;
        var wait = Stopwatch.StartNew();
        while (!File.Exists(ready))
        {
            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(10), "flock(1) did not take the lock");
            Thread.Sleep(10);
        }

        return process;
    }
}
