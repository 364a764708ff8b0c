using System.Runtime.InteropServices;
using Sriov.Sim.Node.Description;
using Sriov.Sim.Node.Profiles;

namespace Sriov.Sim.Node.Cli;

/// <summary><c>sriov-sim node ...</c>: create, run, check and destroy simulated nodes.</summary>
internal static class NodeCommand
{
    public const string Usage = """
          node profiles [NAME]                         list the built-in profiles, or print one as YAML
          node create --root DIR --profile NAME|FILE [--netdevs files|veth]
                                                       lay out a simulated node (kernel-like sysfs) in DIR
          node run --root DIR [--profile NAME|FILE] [--netdevs files|veth] [--netdev-delay-ms N]
                                                       run the kernel emulator on DIR until SIGTERM/SIGINT
                                                       (creates the node first when --profile is given)
          node check --root DIR                        print the operations the real kernel would have rejected;
                                                       exit 1 when there are any
          node destroy --root DIR                      remove the node: its veths/netns and DIR
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return args.Count == 0 ? throw new UsageException("node: missing subcommand") : args[0] switch
            {
                "-h" or "--help" or "help" => Help(stdout),
                "profiles" => Profiles(CliArgs.Parse(args.Skip(1), []), stdout),
                "create" => Create(CliArgs.Parse(args.Skip(1), ["--root", "--profile", "--netdevs"]), stdout),
                "run" => RunEmulator(CliArgs.Parse(args.Skip(1), ["--root", "--profile", "--netdevs", "--netdev-delay-ms"]), stdout, stderr),
                "check" => Check(CliArgs.Parse(args.Skip(1), ["--root"]), stdout),
                "destroy" => Destroy(CliArgs.Parse(args.Skip(1), ["--root"]), stdout),
                _ => throw new UsageException($"node: unknown subcommand '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"sriov-sim: {e.Message}\nusage:\n{Usage}");
            return 2;
        }
        catch (Exception e) when (e is NodeDescriptionException or InvalidOperationException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"sriov-sim: {e.Message}");
            return 1;
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine("usage:\n" + Usage);
        return 0;
    }

    private static int Profiles(CliArgs args, TextWriter stdout)
    {
        if (args.Positional.Count > 0)
        {
            stdout.Write(NodeDescriptionFile.Serialize(NodeProfiles.Get(args.Positional[0])));
            return 0;
        }

        foreach (var (name, summary) in NodeProfiles.List)
        {
            stdout.WriteLine($"{name,-12} {summary}");
        }

        return 0;
    }

    private static int Create(CliArgs args, TextWriter stdout)
    {
        using var node = SimNode.Create(
            NodeProfiles.Resolve(args.Required("--profile")),
            new SimNodeOptions { Root = args.Required("--root"), Netdevs = Mode(args), StartEmulator = false, Keep = true });
        stdout.WriteLine($"created node {node.Description.Name ?? "(unnamed)"} in {node.Root} (netdevs: {node.Netdevs.ToString().ToLowerInvariant()}{(node.Netns is { } ns ? $", netns {ns}" : "")})");
        return 0;
    }

    private static int RunEmulator(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        var root = args.Required("--root");
        var delay = args.Optional("--netdev-delay-ms") is { } ms
            ? TimeSpan.FromMilliseconds(int.TryParse(ms, System.Globalization.CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : throw new UsageException($"--netdev-delay-ms: '{ms}' is not a number of milliseconds"))
            : new SimNodeOptions().NetdevDelay;
        var options = new SimNodeOptions { Root = root, Netdevs = Mode(args), NetdevDelay = delay, Keep = true };
        using var node = args.Optional("--profile") is { } profile && !File.Exists(Path.Join(root, ".sriov-sim", "node.json"))
            ? SimNode.Create(NodeProfiles.Resolve(profile), options)
            : SimNode.Open(root, options);
        using var stop = new ManualResetEventSlim();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
        var pidFile = Path.Join(root, ".sriov-sim", "emulator.pid");
        File.WriteAllText(pidFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        stdout.WriteLine($"kernel emulator running on {node.Root} (pid {Environment.ProcessId}); stop it with SIGTERM");
        stdout.Flush();
        stop.Wait();
        File.Delete(pidFile);
        var rejected = node.Rejections.Count;
        stderr.WriteLine($"kernel emulator stopped; {rejected} rejected operation(s)");
        return 0;
    }

    private static int Check(CliArgs args, TextWriter stdout)
    {
        var root = args.Required("--root");
        if (!File.Exists(Path.Join(root, ".sriov-sim", "node.json")))
        {
            throw new InvalidOperationException($"{root} is not a simulated node root");
        }

        var rejected = SimNode.ReadRejections(root);
        var faults = Path.Join(root, ".sriov-sim", "faults.log");
        var faultLines = File.Exists(faults) ? File.ReadAllLines(faults).Where(l => l.Length > 0).ToList() : [];
        foreach (var r in rejected)
        {
            stdout.WriteLine(r);
        }

        foreach (var f in faultLines)
        {
            stdout.WriteLine($"emulator fault: {f}");
        }

        if (rejected.Count == 0 && faultLines.Count == 0)
        {
            stdout.WriteLine("no rejected operations");
            return 0;
        }

        stdout.WriteLine($"{rejected.Count} rejected operation(s), {faultLines.Count} emulator fault(s)");
        return 1;
    }

    private static int Destroy(CliArgs args, TextWriter stdout)
    {
        var root = args.Required("--root");
        SimNode.Destroy(root);
        stdout.WriteLine($"destroyed node {root}");
        return 0;
    }

    private static NetdevMode Mode(CliArgs args) => args.Optional("--netdevs") switch
    {
        null or "files" => NetdevMode.Files,
        "veth" => NetdevMode.Veth,
        var other => throw new UsageException($"--netdevs: '{other}' is not files or veth"),
    };
}
