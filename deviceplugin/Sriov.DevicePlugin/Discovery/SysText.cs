namespace Sriov.DevicePlugin.Discovery;

/// <summary>
/// The few reads the device plugin makes beyond <c>Sriov.Host</c>'s discovery (optional attributes of some functions):
/// a missing or unreadable file is "absent", never an exception, like discovery's own reads.
/// </summary>
internal static class SysText
{
    public static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Entry names of a directory, sorted ordinally; empty when it cannot be listed.</summary>
    public static List<string> List(string directory)
    {
        try
        {
            var names = Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>().ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The basename of a link's target, or null.</summary>
    public static string? LinkName(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is { } target ? Path.GetFileName(target.TrimEnd('/')) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
