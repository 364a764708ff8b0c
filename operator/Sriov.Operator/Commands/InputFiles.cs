namespace Sriov.Operator.Commands;

/// <summary>The I/O of the offline commands: reads the files named on the command line.</summary>
internal static class InputFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>
    /// The contents of every input: a file as given, a directory's .yaml/.yml/.json files recursively in ordinal
    /// path order, <c>-</c> as stdin.
    /// </summary>
    /// <exception cref="UsageException">A path does not exist or cannot be read.</exception>
    public static IReadOnlyList<(string Source, string Text)> Read(IEnumerable<string> paths, TextReader stdin)
    {
        var result = new List<(string, string)>();
        foreach (var path in paths)
        {
            if (path == "-")
            {
                result.Add(("-", stdin.ReadToEnd()));
            }
            else if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                result.AddRange(files.Select(f => (f, ReadFile(f))));
            }
            else if (File.Exists(path))
            {
                result.Add((path, ReadFile(path)));
            }
            else
            {
                throw new UsageException($"{path}: no such file or directory");
            }
        }

        return result;
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot read: {e.Message}", e);
        }
    }
}
