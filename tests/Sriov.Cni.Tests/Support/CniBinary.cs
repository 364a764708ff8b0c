using Sriov.Sim.RealKernel;

namespace Sriov.Cni.Tests.Support;

/// <summary>
/// The NativeAOT <c>sriov</c> binary, published once per test run into <c>.work/realkernel/publish/cni</c> (where the
/// real-kernel guest also finds it). The repository builds with TreatWarningsAsErrors, which the AOT compiler honours
/// (<c>IlcTreatWarningsAsErrors</c> defaults to it), so a successful publish has zero trim/AOT warnings.
/// </summary>
internal static class CniBinary
{
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    public static string Path => Published.Value.GetAwaiter().GetResult();

    public static Task<string> PathAsync() => Published.Value;

    private static async Task<string> PublishAsync()
    {
        var output = await new DotnetPublisher(RealKernelPaths.Discover()).PublishAsync("cni/Sriov.Cni/Sriov.Cni.csproj", "cni");
        var binary = System.IO.Path.Join(output, "sriov");
        return File.Exists(binary) ? binary : throw new FileNotFoundException("the publish produced no sriov binary", binary);
    }
}
