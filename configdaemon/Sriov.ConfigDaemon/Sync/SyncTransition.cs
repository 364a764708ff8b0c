namespace Sriov.ConfigDaemon.Sync;

/// <summary>The Event upstream records on every <c>syncStatus</c> change, and ours: reason, type and message.</summary>
internal static class SyncTransition
{
    public const string Reason = "SyncStatusChanged";

    /// <summary><c>Status changed from: X to: Y</c>, with <c>. Last Error: ...</c> when it went to Failed (upstream's text).</summary>
    public static string Message(string? from, string to, string? error) =>
        $"Status changed from: {(string.IsNullOrEmpty(from) ? "(none)" : from)} to: {to}"
        + (string.IsNullOrEmpty(error) ? "" : $". Last Error: {error}");
}
