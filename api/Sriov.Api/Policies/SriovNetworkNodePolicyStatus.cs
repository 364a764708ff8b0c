namespace Sriov.Api.Policies;

/// <summary>Upstream declares an empty status for policies.</summary>
public sealed class SriovNetworkNodePolicyStatus
{
}
