namespace Sriov.ConfigDaemon.Drain;

/// <summary>Values of the drain annotations (operator.md §4.6), shared with upstream's operator.</summary>
internal static class DrainStates
{
    public const string Idle = "Idle";
    public const string DrainRequired = "Drain_Required";
    public const string RebootRequired = "Reboot_Required";
    public const string Draining = "Draining";
    public const string DrainComplete = "DrainComplete";
}
