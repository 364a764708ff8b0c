namespace Sriov.DevicePlugin.Cli;

/// <summary>A command line the flag parser refuses, with Go's wording; or a request for help.</summary>
internal sealed class FlagException : Exception
{
    public FlagException(string? message)
        : base(message ?? "help requested")
    {
    }

    public FlagException()
    {
    }

    public FlagException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>-h or -help was given and is not a defined flag: print usage, exit 0 (as Go's ExitOnError does).</summary>
    public bool HelpRequested { get; init; }
}
