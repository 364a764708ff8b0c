using Sriov.Host.Locks;

namespace Sriov.Host.Tests.Locks;

public sealed class LockValueTests
{
    [Theory]
    [InlineData("0000:3b:02.1", true)]
    [InlineData("0000:af:1f.7", true)]
    [InlineData("0000:3B:02.1", false)]
    [InlineData("0000:3b:20.1", false)]
    [InlineData("0000:3b:02.8", false)]
    [InlineData("3b:02.1", false)]
    [InlineData("../../etc/x", false)]
    [InlineData("0000:3b:02.1/", false)]
    public void Pci_addresses_must_be_canonical_before_they_become_paths(string address, bool ok)
    {
        Assert.Equal(ok, PciAddress.IsCanonical(address));
        if (!ok)
        {
            var error = Assert.Throws<ArgumentException>(() => VfLock.PathFor(new HostRoot("/tmp"), address));
            Assert.Contains($"\"{address}\"", error.Message);
        }
    }

    [Fact]
    public void The_lock_path_is_upstreams_under_the_host_root()
    {
        Assert.Equal("/host/var/lib/cni/sriov/pci/vf_lock/0000:3b:02.1.lock", VfLock.PathFor(new HostRoot("/host"), "0000:3b:02.1"));
    }

    [Fact]
    public void Holders_come_from_proc_locks_matching_device_and_inode()
    {
        // Device 0:0x1d (major 0, minor 29), inode 5678; a blocked waiter ("->") and another file are ignored.
        const string ProcLocks = """
            1: FLOCK  ADVISORY  WRITE 1234 00:1d:5678 0 EOF
            1: -> FLOCK  ADVISORY  WRITE 4321 00:1d:5678 0 EOF
            2: POSIX  ADVISORY  WRITE 999 00:1d:9999 0 EOF
            3: FLOCK  ADVISORY  WRITE 77 08:01:5678 0 EOF
            """;

        Assert.Equal([1234], LockHolders.Parse(ProcLocks, device: 0x1d, inode: 5678));
        Assert.Equal([77], LockHolders.Parse(ProcLocks, device: (8 << 8) | 1, inode: 5678));
    }

    [Fact]
    public void Our_own_lock_is_exclusive_between_descriptors_and_released_on_dispose()
    {
        var root = Directory.CreateTempSubdirectory("s4-lock-").FullName;
        try
        {
            var host = new HostRoot(root);
            using (var first = VfLock.TryAcquire(host, "0000:3b:02.1"))
            {
                Assert.NotNull(first);
                Assert.Null(VfLock.TryAcquire(host, "0000:3b:02.1"));
                Assert.NotNull(VfLock.TryAcquire(host, "0000:3b:02.2"));
                var timeout = Assert.Throws<VfLockTimeoutException>(() => VfLock.Acquire(host, "0000:3b:02.1", TimeSpan.FromMilliseconds(50)));
                Assert.Contains($"PID {Environment.ProcessId}", timeout.Message);
                using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
                Assert.Throws<OperationCanceledException>(() => VfLock.Acquire(host, "0000:3b:02.1", TimeSpan.FromSeconds(30), cancel.Token));
            }

            using var second = VfLock.Acquire(host, "0000:3b:02.1", TimeSpan.FromSeconds(1));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
