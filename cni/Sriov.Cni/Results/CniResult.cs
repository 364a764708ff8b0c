namespace Sriov.Cni.Results;

/// <summary>
/// An ADD result in the 1.1.0 model (the superset of every version). <see cref="ResultWriter"/> prints it in the
/// request's version; <see cref="ResultParser"/> reads a delegate's or a prevResult of any version into it.
/// </summary>
internal sealed record CniResult
{
    public IReadOnlyList<ResultInterface> Interfaces { get; init; } = [];

    public IReadOnlyList<ResultIp> Ips { get; init; } = [];

    public IReadOnlyList<ResultRoute> Routes { get; init; } = [];

    public ResultDns Dns { get; init; } = ResultDns.Empty;
}
