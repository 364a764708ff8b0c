namespace Sriov.Sim.Scenario;

/// <summary>
/// The scenario scripts shipped in <c>hack/Sriov.Sim/Scenario/Scripts</c> (embedded), run against the real igb guest
/// and the simulator by the differential test. <see cref="Plain"/> run in a guest without an IOMMU, <see cref="Iommu"/>
/// in one with an emulated IOMMU (each list in one process, sharing one boot).
/// </summary>
internal static class BuiltinScenarios
{
    private const string Prefix = "Sriov.Sim.Scenario.Scripts.";

    /// <summary>Scripts for the guest without an IOMMU (count binds vfio-pci without one).</summary>
    public static IReadOnlyList<string> Plain { get; } = ["count"];

    /// <summary>Scripts for the guest with an IOMMU (vfio needs it; the others do not care, and balance the two boots).</summary>
    public static IReadOnlyList<string> Iommu { get; } = ["vf-attrs", "mac", "netns", "vfio"];

    public static IReadOnlyList<string> Names { get; } = [.. Plain, .. Iommu];

    public static bool Exists(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The script's text; throws naming the known scripts when there is none.</summary>
    public static string Text(string name)
    {
        using var stream = Exists(name) ? typeof(BuiltinScenarios).Assembly.GetManifestResourceStream(Prefix + name + ".txt") : null;
        if (stream is null)
        {
            throw new ArgumentException($"no built-in scenario '{name}'; built-in: {string.Join(", ", Names)}", nameof(name));
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static ScenarioScript Get(string name) => ScenarioScript.Parse(name, Text(name));

    /// <summary>A built-in name, or else a script file (named after the file).</summary>
    public static ScenarioScript Resolve(string nameOrFile) =>
        Exists(nameOrFile) ? Get(nameOrFile)
        : File.Exists(nameOrFile) ? ScenarioScript.Parse(Path.GetFileNameWithoutExtension(nameOrFile), File.ReadAllText(nameOrFile))
        : throw new ArgumentException($"'{nameOrFile}' is neither a built-in scenario ({string.Join(", ", Names)}) nor a script file", nameof(nameOrFile));
}
