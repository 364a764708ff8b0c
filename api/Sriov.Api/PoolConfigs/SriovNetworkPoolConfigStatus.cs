namespace Sriov.Api.PoolConfigs;

/// <summary>Upstream declares an empty status for pool configs.</summary>
public sealed class SriovNetworkPoolConfigStatus
{
}
