using k8s.Models;
using Sriov.Operator.Selection;

namespace Sriov.Operator.Tests.Selection;

public sealed class LabelMatcherTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["zone"] = "a", ["role"] = "" };

    [Theory]
    [InlineData("zone=a", true)]
    [InlineData("role=", true)]
    [InlineData("zone=a,role=", true)]
    [InlineData("zone=b", false)]
    [InlineData("rack=1", false)]
    [InlineData("", true)]
    public void Policy_node_selector_is_exact_equality_of_every_pair(string selector, bool expected)
    {
        var map = selector.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

        Assert.Equal(expected, LabelMatcher.MatchesMap(map, Labels));
    }

    [Theory]
    [InlineData("zone", "In", "a,b", true)]
    [InlineData("zone", "In", "b", false)]
    [InlineData("zone", "NotIn", "b", true)]
    [InlineData("rack", "NotIn", "b", true)]
    [InlineData("zone", "Exists", "", true)]
    [InlineData("rack", "Exists", "", false)]
    [InlineData("rack", "DoesNotExist", "", true)]
    [InlineData("zone", "Bogus", "", false)]
    public void Pool_label_selector_expressions(string key, string op, string values, bool expected)
    {
        var selector = new V1LabelSelector
        {
            MatchExpressions = [new V1LabelSelectorRequirement { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values.Split(',') }],
        };

        Assert.Equal(expected, LabelMatcher.Matches(selector, Labels));
    }

    [Fact]
    public void Null_or_empty_pool_selector_selects_every_node()
    {
        Assert.True(LabelMatcher.Matches(null, Labels));
        Assert.True(LabelMatcher.Matches(new V1LabelSelector(), null));
    }

    [Theory]
    [InlineData("In", null, "needs at least one value")]
    [InlineData("Exists", "x", "takes no values")]
    [InlineData("Equals", "x", "is not one of In, NotIn, Exists, DoesNotExist")]
    public void Invalid_expressions_are_described(string op, string? value, string problem)
    {
        var selector = new V1LabelSelector
        {
            MatchExpressions = [new V1LabelSelectorRequirement { Key = "k", OperatorProperty = op, Values = value is null ? null : [value] }],
        };

        Assert.Contains(problem, Assert.Single(LabelMatcher.Problems(selector, "spec.nodeSelector")), StringComparison.Ordinal);
    }
}
