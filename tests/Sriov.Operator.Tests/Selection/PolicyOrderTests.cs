using Sriov.Operator.Selection;
using Sriov.Operator.Tests.Fixtures;

namespace Sriov.Operator.Tests.Selection;

public sealed class PolicyOrderTests
{
    [Fact]
    public void Sorts_by_priority_number_descending_then_name_ascending_with_absent_priority_as_99()
    {
        var policies = new[]
        {
            Make.Policy("b", "r", 1, priority: 10),
            Make.Policy("a", "r", 1, priority: 10),
            Make.Policy("z", "r", 1, priority: 0),
            Make.Policy("none", "r", 1),
            Make.Policy("m", "r", 1, priority: 99),
        };

        var sorted = policies.Order(PolicyOrder.Instance).Select(p => p.Metadata.Name);

        Assert.Equal(["m", "none", "a", "b", "z"], sorted);
    }
}
