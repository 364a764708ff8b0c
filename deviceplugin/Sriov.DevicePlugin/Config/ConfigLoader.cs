using Sriov.Api.Node.DevicePlugin;

namespace Sriov.DevicePlugin.Config;

/// <summary>Reads and validates the resource config file (upstream's JSON, read by <c>Sriov.Api.Node</c>).</summary>
internal static class ConfigLoader
{
    /// <summary>Reads <paramref name="path"/>; the text is returned so a watcher can tell whether it changed.</summary>
    /// <exception cref="ConfigException">Missing, unreadable, not JSON, or invalid; the message says which and where.</exception>
    public static (PoolConfig Config, string Text) Load(string path, string defaultPrefix)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigException($"{path}: the device plugin config file does not exist; pass -config-file or mount the config there", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the device plugin config: {e.Message}", e);
        }

        return (Parse(text, path, defaultPrefix), text);
    }

    public static PoolConfig Parse(string text, string source, string defaultPrefix)
    {
        ResourceConfigList parsed;
        try
        {
            parsed = ResourceConfigReader.Parse(text, source);
        }
        catch (InvalidDataException e)
        {
            throw new ConfigException(e.Message + "; the config must be JSON like {\"resourceList\":[...]}", e);
        }

        return ConfigValidator.Validate(parsed, defaultPrefix, source);
    }
}
