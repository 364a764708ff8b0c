namespace Sriov.Cni.Results;

/// <summary><c>dns</c>: passed through from IPAM (upstream takes it from the IPAM result, not from the config).</summary>
internal sealed record ResultDns
{
    public static ResultDns Empty { get; } = new();

    public IReadOnlyList<string> Nameservers { get; init; } = [];

    public string? Domain { get; init; }

    public IReadOnlyList<string> Search { get; init; } = [];

    public IReadOnlyList<string> Options { get; init; } = [];

    public bool IsEmpty => Nameservers.Count == 0 && string.IsNullOrEmpty(Domain) && Search.Count == 0 && Options.Count == 0;
}
