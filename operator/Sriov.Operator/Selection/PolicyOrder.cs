using Sriov.Api.Policies;

namespace Sriov.Operator.Selection;

/// <summary>
/// The order policies are applied in (operator.md §2.2): priority number descending (99 first), then name ascending.
/// Later policies override earlier ones, so the lowest number (highest priority) and, at equal priority, the
/// alphabetically last name win.
/// </summary>
internal sealed class PolicyOrder : IComparer<SriovNetworkNodePolicy>
{
    /// <summary>The priority the webhook gives a policy that sets none; render treats an absent priority the same.</summary>
    public const int DefaultPriority = 99;

    public static PolicyOrder Instance { get; } = new();

    public static int PriorityOf(SriovNetworkNodePolicy policy) => policy.Spec.Priority ?? DefaultPriority;

    public int Compare(SriovNetworkNodePolicy? x, SriovNetworkNodePolicy? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byPriority = PriorityOf(y).CompareTo(PriorityOf(x));
        return byPriority != 0 ? byPriority : string.CompareOrdinal(x.Metadata.Name, y.Metadata.Name);
    }
}
