using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Sim.Node;
using Sriov.Sim.Node.Kernel;

namespace Sriov.Sim.Scenario;

/// <summary>
/// The scenario runner's sysfs writer on a simulated node: the write itself is <see cref="KernelSysfsWriter"/>'s, to a
/// regular file that cannot fail the way a sysfs store callback does; so it waits until the kernel emulator has seen
/// the write and returns the errno of the rejection the emulator recorded for it (what <c>write(2)</c> returns on the
/// real kernel), or 0. The rejections answered this way were reported to the client, so they are listed apart
/// (<see cref="Answered"/>) from the ones a correct client never causes.
/// </summary>
internal sealed class SimSysfsWriter(SimNode node) : ISysfsWriter
{
    private readonly Lock _gate = new();
    private readonly List<RejectedOperation> _answered = [];

    public IReadOnlyList<RejectedOperation> Answered
    {
        get
        {
            lock (_gate)
            {
                return [.. _answered];
            }
        }
    }

    public int Write(string path, string content)
    {
        var seen = node.Rejections.Count;
        var errno = KernelSysfsWriter.Instance.Write(path, content);
        if (errno != 0)
        {
            return errno;
        }

        node.WaitIdleAsync().GetAwaiter().GetResult();
        var rejection = node.Rejections.Skip(seen)
            .FirstOrDefault(r => r.Errno is not null && path.EndsWith("/" + r.Attribute, StringComparison.Ordinal));
        if (rejection is null)
        {
            return 0;
        }

        lock (_gate)
        {
            _answered.Add(rejection);
        }

        return Number(rejection.Errno!);
    }

    private static int Number(string name) =>
        Enumerable.Range(1, 133).FirstOrDefault(n => Errno.Name(n) == name) is var n and > 0
            ? n
            : throw new InvalidOperationException($"the kernel emulator rejected a write with '{name}', which Errno does not know");
}
