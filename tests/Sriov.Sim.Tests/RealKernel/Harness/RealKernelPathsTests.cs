using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel.Harness;

public sealed class RealKernelPathsTests
{
    [Theory]
    [InlineData("/work/repo", "/work/repo/.work/realkernel/publish/x", true)]
    [InlineData("/work/repo", "/usr/lib/cni/host-local", true)]
    [InlineData("/work/repo", "/tmpfoo/x", true)]
    [InlineData("/work/repo", "/tmp/x", false)]
    [InlineData("/work/repo", "/tmp", false)]
    [InlineData("/work/repo", "/run/x", false)]
    [InlineData("/work/repo", "/var/run/x", false)]
    [InlineData("/work/repo", "/proc/self", false)]
    [InlineData("/work/repo", "/dev/shm/x", false)]
    // A repository checked out under /tmp is bound back into the guest (run.sh --visible).
    [InlineData("/tmp/clone", "/tmp/clone/.work/realkernel/publish/x", true)]
    [InlineData("/tmp/clone", "/tmp/other", false)]
    public void Guest_visible_paths_avoid_what_the_guest_mounts_over(string repo, string path, bool visible)
    {
        var paths = new RealKernelPaths(repo);

        if (visible)
        {
            Assert.Equal(path, paths.GuestVisible(path));
        }
        else
        {
            var e = Assert.Throws<ArgumentException>(() => paths.GuestVisible(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_work_directory_defaults_to_dot_work_realkernel_in_the_repository()
    {
        var paths = new RealKernelPaths("/work/repo");

        Assert.Equal("/work/repo/.work/realkernel", paths.WorkDirectory);
        Assert.Equal("/work/repo/hack/realkernel", paths.ScriptsDirectory);
        Assert.Equal("/work/repo/.work/realkernel/publish", paths.PublishDirectory);
    }

    [Fact]
    public void Discover_finds_this_repository()
    {
        var paths = RealKernelPaths.Discover();

        Assert.True(File.Exists(Path.Combine(paths.RepositoryRoot, "Sriov.sln")));
        Assert.True(File.Exists(Path.Combine(paths.ScriptsDirectory, "run.sh")));
    }
}
