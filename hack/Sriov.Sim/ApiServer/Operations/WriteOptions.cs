namespace Sriov.Sim.ApiServer.Operations;

/// <summary>
/// Query parameters common to writes (<c>dryRun=All</c>, <c>fieldManager</c>, <c>fieldValidation</c>) and the
/// caller's user agent, from which the API server derives a field manager when none is given.
/// </summary>
internal sealed record WriteOptions(bool DryRun, string? FieldManager, FieldValidation FieldValidation, string? UserAgent)
{
    public static WriteOptions Default { get; } = new(false, null, FieldValidation.Warn, null);

    /// <summary>The manager recorded in managedFields: the given one, else the user agent up to its first '/'.</summary>
    public string Manager =>
        !string.IsNullOrEmpty(FieldManager) ? FieldManager
        : !string.IsNullOrEmpty(UserAgent) ? UserAgent.Split('/')[0]
        : "unknown";
}
