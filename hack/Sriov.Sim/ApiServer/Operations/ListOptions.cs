namespace Sriov.Sim.ApiServer.Operations;

/// <summary>List and watch query parameters.</summary>
internal sealed record ListOptions
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    public string? ResourceVersion { get; init; }

    public string? ResourceVersionMatch { get; init; }

    public int? Limit { get; init; }

    public string? Continue { get; init; }

    public int? TimeoutSeconds { get; init; }

    public bool AllowWatchBookmarks { get; init; }

    public bool? SendInitialEvents { get; init; }
}
