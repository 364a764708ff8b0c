using System.Reflection;

namespace Sriov.Sim.RealKernel;

/// <summary>Finds the scenarios of every <see cref="IRealKernelScenarios"/> type in an assembly.</summary>
internal static class ScenarioDiscovery
{
    public static IReadOnlyList<GuestScenario> FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var getter = typeof(IRealKernelScenarios).GetProperty(nameof(IRealKernelScenarios.Scenarios))!.GetMethod!;
        var scenarios = new List<GuestScenario>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRealKernelScenarios).IsAssignableFrom(t)))
        {
            // Static abstract members are resolved through the interface map, not by name, so explicit implementations work.
            var map = type.GetInterfaceMap(typeof(IRealKernelScenarios));
            var implementation = map.TargetMethods[Array.IndexOf(map.InterfaceMethods, getter)];
            var contributed = (IEnumerable<GuestScenario>?)implementation.Invoke(null, null)
                ?? throw new InvalidOperationException($"{type.FullName}.Scenarios returned null");
            scenarios.AddRange(contributed);
        }

        return scenarios.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }
}
