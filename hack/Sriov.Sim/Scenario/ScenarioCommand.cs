using System.Text.Json;
using Sriov.Host;
using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Host.VfControl;
using Sriov.Sim.Node.Cli;

namespace Sriov.Sim.Scenario;

/// <summary>
/// <c>sriov-sim scenario ...</c>: run scenario scripts through <c>Sriov.Host</c> on this machine's kernel (in the
/// real-kernel guest) or on a simulated node, write their records as JSON, and compare two sets of records.
/// </summary>
internal static class ScenarioCommand
{
    public const string Usage = """
          scenario list                                list the built-in scripts
          scenario show NAME                           print a built-in script
          scenario run --out DIR [--root DIR] [--pf ADDR] [--sim PROFILE [--iommu]] SCRIPT...
                                                       run each script (built-in name or file) against the kernel
                                                       under --root (default /), or a new simulated node of PROFILE
                                                       (veth interfaces, root needed), and write DIR/SCRIPT.json
          scenario compare --real DIR --sim DIR [--markdown FILE] [--doc FILE]
                                                       compare the records; exit 1 on a difference no acceptance
                                                       explains; --markdown writes the differential record, --doc
                                                       puts it between the differential markers of FILE
                                                       (docs/simulation.md)
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (args.Count == 0)
            {
                throw new UsageException("scenario: missing subcommand");
            }

            var a = CliArgs.Parse(args.Skip(1), ["--out", "--root", "--pf", "--sim", "--real", "--markdown", "--doc"], ["--iommu"]);
            switch (args[0])
            {
                case "-h" or "--help" or "help":
                    await stdout.WriteLineAsync("usage:\n" + Usage);
                    return 0;
                case "list":
                    foreach (var name in BuiltinScenarios.Names)
                    {
                        var first = BuiltinScenarios.Text(name).Split('\n')[0].TrimStart('#', ' ');
                        await stdout.WriteLineAsync($"{name,-15} {first}");
                    }

                    return 0;
                case "show":
                    await stdout.WriteAsync(BuiltinScenarios.Text(a.Positional.Count == 1 ? a.Positional[0] : throw new UsageException("scenario show takes one name")));
                    return 0;
                case "run":
                    return await RunScriptsAsync(a, stdout, stderr);
                case "compare":
                    return await CompareAsync(a, stdout);
                default:
                    throw new UsageException($"scenario: unknown subcommand '{args[0]}'");
            }
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"sriov-sim: {e.Message}\nusage:\n{Usage}");
            return 2;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or JsonException or SysfsRequestException)
        {
            await stderr.WriteLineAsync($"sriov-sim: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunScriptsAsync(CliArgs a, TextWriter stdout, TextWriter stderr)
    {
        var output = a.Required("--out");
        if (a.Positional.Count == 0)
        {
            throw new UsageException("scenario run: name at least one script");
        }

        var scripts = a.Positional.Select(BuiltinScenarios.Resolve).ToList();
        Directory.CreateDirectory(output);
        var problems = 0;
        void Problem(string text)
        {
            problems++;
            stderr.WriteLine($"sriov-sim: {text}");
        }

        foreach (var script in scripts)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            ScenarioRecord record;
            if (a.Optional("--sim") is { } profile)
            {
                using var sim = SimScenarioTarget.Create(profile, a.Flag("--iommu"));
                record = await ScenarioRunner.RunAsync(script, sim.Target, Problem);
            }
            else
            {
                var root = new HostRoot(a.Optional("--root") ?? "/");
                using var vfControl = NetlinkVfControl.Open();
                using var devlink = DevlinkClient.Open();
                var target = new ScenarioTarget
                {
                    Root = root,
                    Pf = Pf(root, a.Optional("--pf")),
                    VfControl = vfControl,
                    Name = "real",
                    EswitchMode = pf => devlink.GetEswitchMode(pf.ToString()),
                };
                record = await ScenarioRunner.RunAsync(script, target, Problem);
            }

            await File.WriteAllTextAsync(Path.Join(output, script.Name + ".json"), JsonSerializer.Serialize(record, ScenarioJson.Default.ScenarioRecord));
            foreach (var step in record.Steps)
            {
                await stdout.WriteLineAsync($"{script.Name} {step.Index} {step.Op}: {step.Outcome} ({step.Milliseconds} ms, state {step.StateMilliseconds} ms)");
            }

            await stdout.WriteLineAsync(
                $"{script.Name}: {record.Steps.Count} steps in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms with the cleanup");
        }

        return problems == 0 ? 0 : 1;
    }

    private static async Task<int> CompareAsync(CliArgs a, TextWriter stdout)
    {
        var report = DifferentialReport.Create(Load(a.Required("--real")), Load(a.Required("--sim")), AcceptedDifferences.All);
        foreach (var (difference, accepted) in report.Differences)
        {
            await stdout.WriteLineAsync($"{difference}: {(accepted is null ? "UNEXPLAINED" : $"accepted ({accepted.Id}: {accepted.Reason})")}");
        }

        foreach (var unused in report.Unused)
        {
            await stdout.WriteLineAsync($"acceptance matched nothing (remove it): {unused}");
        }

        if (a.Optional("--markdown") is { } markdown)
        {
            await File.WriteAllTextAsync(markdown, report.Markdown());
        }

        if (a.Optional("--doc") is { } doc)
        {
            await File.WriteAllTextAsync(doc, DifferentialDoc.Replace(await File.ReadAllTextAsync(doc), report.Markdown()));
        }

        await stdout.WriteLineAsync($"{report.Differences.Count} differences, {report.Unexplained.Count} unexplained");
        return report.Unexplained.Count == 0 ? 0 : 1;
    }

    /// <summary>Every record (<c>*.json</c>) in a directory, by script name.</summary>
    public static IReadOnlyList<ScenarioRecord> Load(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize(File.ReadAllText(f), ScenarioJson.Default.ScenarioRecord)
                ?? throw new JsonException($"{f} holds no scenario record"))];

    /// <summary>The PF given, or the only SR-IOV PF with an interface under the root.</summary>
    private static PciAddress Pf(HostRoot root, string? given)
    {
        if (given is not null)
        {
            return PciAddress.TryParse(given, out var pf) ? pf : throw new UsageException($"--pf: '{given}' is not a PCI address (DDDD:BB:DD.F)");
        }

        var pfs = new PciDiscovery(root).DiscoverAll().PhysicalFunctions.Where(f => f.Netdevs.Count > 0).ToList();
        return pfs.Count == 1 ? pfs[0].Address
            : throw new UsageException($"found {pfs.Count} SR-IOV PFs with an interface ({string.Join(", ", pfs)}); choose one with --pf");
    }
}
