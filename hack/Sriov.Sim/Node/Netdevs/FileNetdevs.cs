using System.Globalization;
using Sriov.Sim.Node.Kernel;

namespace Sriov.Sim.Node.Netdevs;

/// <summary>
/// Interfaces as plain directories in the tree, with the attribute files the kernel's net-sysfs shows. They cannot be
/// moved or configured (there is no real interface); use <see cref="VethNetdevs"/> for that.
/// </summary>
internal sealed class FileNetdevs : INetdevBackend
{
    private readonly SysfsTree _tree;
    private int _nextIfindex;

    public FileNetdevs(SysfsTree tree)
    {
        _tree = tree;
        _nextIfindex = NextFreeIfindex(tree.ClassNet);
    }

    public bool Busy => false;

    public IReadOnlyList<string> RegisterMany(IReadOnlyList<(SimFunction Function, NetdevSpec Spec)> netdevs)
    {
        var names = new List<string>(netdevs.Count);
        foreach (var (f, spec) in netdevs)
        {
            Register(f, spec);
            names.Add(spec.Name);
        }

        return names;
    }

    public void UnregisterMany(IReadOnlyList<SimFunction> functions)
    {
        foreach (var f in functions)
        {
            if (f.Netdev is not { } name)
            {
                continue;
            }

            SysfsTree.DeleteLink(Path.Join(_tree.ClassNet, name));
            var dir = Path.Join(f.Directory, "net", name);
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    public void Dispose()
    {
    }

    private void Register(SimFunction f, NetdevSpec spec)
    {
        // The kernel's net-sysfs directory appears with its attributes; fill a directory aside and move it into place
        // (one rename), so a reader that sees net/<if> (PciControl.WaitForNetdevAsync, discovery) never finds it empty.
        var final = Path.Join(f.Directory, "net", spec.Name);
        var dir = Path.Join(_tree.StateDirectory, "netdev-" + spec.Name);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        var ifindex = Number(_nextIfindex++);
        var bytes = spec.Mac.Split(':').Length;
        Write(dir, "address", spec.Mac);
        Write(dir, "addr_len", Number(bytes));
        Write(dir, "broadcast", bytes == 20 ? "00:ff:ff:ff:ff:12:40:1b:ff:ff:00:00:00:00:00:00:ff:ff:ff:ff" : "ff:ff:ff:ff:ff:ff");
        Write(dir, "ifindex", ifindex);
        Write(dir, "iflink", ifindex);
        Write(dir, "mtu", Number(spec.Mtu));
        Write(dir, "type", Number(spec.LinkType));
        Write(dir, "dev_id", "0x0");
        Write(dir, "dev_port", "0");
        Write(dir, "tx_queue_len", spec.LinkType == 32 ? "256" : "1000");
        Write(dir, "flags", spec.Up ? "0x1003" : "0x1002");
        Write(dir, "operstate", spec.Up ? "up" : "down");

        // The kernel answers EINVAL for carrier/speed of a down interface; plain files cannot, so a down one reads 0.
        Write(dir, "carrier", spec.Up ? "1" : "0");
        Write(dir, "duplex", "full");
        Write(dir, "speed", spec.Up && spec.Speed is { } s ? Number(s) : "-1");
        if (spec.PhysPortName is { } port)
        {
            Write(dir, "phys_port_name", port);
        }

        Directory.CreateDirectory(Path.Join(f.Directory, "net"));
        Directory.Move(dir, final);
        SysfsTree.Link(Path.Join(final, "device"), f.Directory);
        SysfsTree.Link(Path.Join(_tree.ClassNet, spec.Name), final);
    }

    private static int NextFreeIfindex(string classNet)
    {
        var max = 1; // 1 is lo
        if (Directory.Exists(classNet))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(classNet))
            {
                var file = Path.Join(entry, "ifindex");
                if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var i))
                {
                    max = Math.Max(max, i);
                }
            }
        }

        return max + 1;
    }

    private static void Write(string dir, string name, string value) => SysfsTree.Write(Path.Join(dir, name), value + "\n");

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
