using Sriov.Host;
using Sriov.Host.Sysfs;
using Sriov.Sim.Node.Cli;

namespace Sriov.Sim.Host;

/// <summary>
/// <c>sriov-sim host ...</c>: <c>Sriov.Host</c>'s sysfs model as commands, for the demo and for tests that need the
/// write to happen in a child process (errno injection with <c>strace -e inject=write:error=EBUSY</c>).
/// </summary>
internal static class HostCommand
{
    public const string Usage = """
          host inventory --root DIR [--all]            discover PCI functions under DIR and print PFs and VFs as a table
          host set-numvfs --root DIR --pf ADDR --count N [--wait-netdevs]
                                                       set a PF's VF count (0 first, then N; nothing when already N);
                                                       --wait-netdevs: then wait for each VF's interface
          host bind --root DIR --device ADDR --driver NAME
                                                       bind a function to a driver (driver_override + bind)
          host bind-default --root DIR --device ADDR   clear driver_override; back from vfio-pci & co. to the kernel's choice
          host unbind --root DIR --device ADDR         unbind a function from its driver
          host wait-netdev --root DIR --device ADDR    wait for a function's interface and print its name
          (write commands take --timeout S: the bound for every wait; default upstream's: 120 s for VFs, 10 s netdev)
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (args.Count == 0)
            {
                throw new UsageException("host: missing subcommand");
            }

            if (args[0] is "-h" or "--help" or "help")
            {
                await stdout.WriteLineAsync("usage:\n" + Usage);
                return 0;
            }

            var a = CliArgs.Parse(args.Skip(1), ["--root", "--pf", "--count", "--device", "--driver", "--timeout"], ["--all", "--wait-netdevs"]);
            var root = new HostRoot(a.Required("--root"));
            var control = new PciControl(root, TimeProvider.System, timeouts: Timeouts(a.Seconds("--timeout")));
            switch (args[0])
            {
                case "inventory":
                    stdout.Write(InventoryTable.Format(new PciDiscovery(root).DiscoverAll(), a.Flag("--all")));
                    return 0;
                case "set-numvfs":
                    var count = a.RequiredInt("--count");
                    Report(stdout, await control.SetNumVfsAsync(Address(a, "--pf"), count), $"{a.Required("--pf")} has {count} VFs");
                    if (a.Flag("--wait-netdevs"))
                    {
                        await WaitForNetdevsAsync(root, control, Address(a, "--pf"), stdout);
                    }

                    return 0;
                case "bind":
                    Report(stdout, await control.BindDriverAsync(Address(a, "--device"), a.Required("--driver")), $"{a.Required("--device")} is on {a.Required("--driver")}");
                    return 0;
                case "bind-default":
                    Report(stdout, await control.BindDefaultDriverAsync(Address(a, "--device")), $"{a.Required("--device")} is on its default driver");
                    return 0;
                case "unbind":
                    Report(stdout, await control.UnbindAsync(Address(a, "--device")), $"{a.Required("--device")} is unbound");
                    return 0;
                case "wait-netdev":
                    stdout.WriteLine(await control.WaitForNetdevAsync(Address(a, "--device")));
                    return 0;
                default:
                    throw new UsageException($"host: unknown subcommand '{args[0]}'");
            }
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"sriov-sim: {e.Message}\nusage:\n{Usage}");
            return 2;
        }
        catch (Exception e) when (e is SysfsWriteException or SysfsTimeoutException or SysfsRequestException or ArgumentException)
        {
            await stderr.WriteLineAsync($"sriov-sim: {e.Message}");
            return 1;
        }
    }

    /// <summary>Waits for the interface of every VF on a kernel network driver (what the config daemon does before configuring it).</summary>
    private static async Task WaitForNetdevsAsync(HostRoot root, PciControl control, PciAddress pf, TextWriter stdout)
    {
        foreach (var vf in new PciDiscovery(root).DiscoverVfs(pf) ?? [])
        {
            if (vf.Driver is { } driver && !PciControl.UserspaceDrivers.Contains(driver) && vf.Netdevs.Count == 0)
            {
                await stdout.WriteLineAsync($"VF {vf.VfIndex} ({vf.Address}): {await control.WaitForNetdevAsync(vf.Address)}");
            }
        }
    }

    private static void Report(TextWriter stdout, bool changed, string what) =>
        stdout.WriteLine(changed ? what : what + " already; nothing written");

    private static PciAddress Address(CliArgs a, string option) =>
        PciAddress.TryParse(a.Required(option), out var address)
            ? address
            : throw new UsageException($"{option}: '{a.Required(option)}' is not a PCI address (DDDD:BB:DD.F)");

    private static PciControlTimeouts Timeouts(TimeSpan? bound) => bound is not { } t
        ? PciControlTimeouts.Default
        : new PciControlTimeouts { NumVfsWrite = t, VfsAppear = t, Netdev = t, Bind = t };
}
