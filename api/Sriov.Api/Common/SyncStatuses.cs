namespace Sriov.Api.Common;

/// <summary>Values of a node state's <c>status.syncStatus</c>.</summary>
public static class SyncStatuses
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string InProgress = "InProgress";
}
