using System.Reflection;
using System.Runtime.Loader;

namespace Sriov.Sim.RealKernel;

/// <summary>
/// Loads a built test assembly to read the scenarios of its <see cref="IRealKernelScenarios"/> types, for
/// <see cref="PrepareAll"/>. Every assembly this process can load itself (the harness, Sriov.Host, the framework) is
/// shared with it, so types that cross between the two (the scenario types, interfaces a test type implements) are
/// the same; the test assembly's other dependencies (xUnit, the tested projects) come from its directory's deps.json.
/// </summary>
internal sealed class TestAssemblyScenarios : AssemblyLoadContext
{
    /// <summary>The simple names of the assemblies this process resolves on its own (its trusted platform assemblies).</summary>
    private static readonly HashSet<string> Shared =
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(Path.GetFileNameWithoutExtension)
        .OfType<string>()
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private readonly AssemblyDependencyResolver _resolver;

    private TestAssemblyScenarios(string assemblyPath)
        : base(Path.GetFileNameWithoutExtension(assemblyPath))
    {
        _resolver = new AssemblyDependencyResolver(assemblyPath);
    }

    public static IReadOnlyList<GuestScenario> Load(string assemblyPath)
    {
        var path = Path.GetFullPath(assemblyPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no test assembly {path}; build the solution first (dotnet build -c Release)", path);
        }

        var context = new TestAssemblyScenarios(path);
        return ScenarioDiscovery.FromAssembly(context.LoadFromAssemblyPath(path));
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && Shared.Contains(name))
        {
            return null; // the default context's copy
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
