namespace Sriov.Cni.Skel;

/// <summary>
/// The CNI spec versions the plugin speaks (all that upstream sriov-cni accepts) and comparisons between them. An
/// empty <c>cniVersion</c> means 0.1.0, as libcni reads it.
/// </summary>
internal static class CniVersion
{
    public const string V010 = "0.1.0";
    public const string V020 = "0.2.0";
    public const string V030 = "0.3.0";
    public const string V031 = "0.3.1";
    public const string V040 = "0.4.0";
    public const string V100 = "1.0.0";
    public const string V110 = "1.1.0";

    public static IReadOnlyList<string> Supported { get; } = [V010, V020, V030, V031, V040, V100, V110];

    public static string Latest => V110;

    /// <summary>"" → 0.1.0; anything else unchanged.</summary>
    public static string Normalize(string? version) => string.IsNullOrEmpty(version) ? V010 : version;

    public static bool IsSupported(string version) => Supported.Contains(version, StringComparer.Ordinal);

    /// <summary>Orders two supported versions; both must be in <see cref="Supported"/>.</summary>
    public static int Compare(string a, string b) => Index(a).CompareTo(Index(b));

    public static bool AtLeast(string version, string minimum) => Compare(version, minimum) >= 0;

    /// <summary>Code 1 when <paramref name="version"/> is not one the plugin speaks.</summary>
    public static void EnsureSupported(string version)
    {
        if (!IsSupported(version))
        {
            throw new CniException(
                CniErrorCode.IncompatibleVersion,
                $"incompatible CNI versions: config is \"{version}\", plugin supports [{string.Join(" ", Supported)}]");
        }
    }

    private static int Index(string version)
    {
        for (var i = 0; i < Supported.Count; i++)
        {
            if (Supported[i] == version)
            {
                return i;
            }
        }

        throw new ArgumentException($"CNI version \"{version}\" is not supported", nameof(version));
    }
}
