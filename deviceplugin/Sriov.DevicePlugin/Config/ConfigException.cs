namespace Sriov.DevicePlugin.Config;

/// <summary>A resource config that cannot be used: unreadable, not JSON, or invalid. The message names the file, the
/// resource and the field of every mistake, one per line.</summary>
internal sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException()
    {
    }

    public ConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
