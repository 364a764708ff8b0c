using Sriov.Api.Common;
using Sriov.Operator.Pools;

namespace Sriov.Operator.Tests.Pools;

public sealed class MaxUnavailableTests
{
    [Theory]
    [InlineData(null, null, 10, -1)]
    [InlineData(2L, null, 10, 2)]
    [InlineData(0L, null, 10, 0)]
    [InlineData(null, "33%", 10, 3)]
    [InlineData(null, "100%", 7, 7)]
    [InlineData(null, "10%", 5, 1)] // upstream: 0, which never drains; we never go below 1
    [InlineData(null, "50%", 0, 0)]
    public void Evaluates_for_a_pool_size(long? number, string? text, int nodes, int expected)
    {
        var value = number is { } n ? IntegerOrString.FromNumber(n) : text is null ? null : IntegerOrString.FromString(text);

        Assert.Equal(expected, MaxUnavailable.Evaluate(value, nodes));
    }

    [Theory]
    [InlineData(-1L, null, "is negative")]
    [InlineData(null, "5", "is a string but not a percentage")]
    [InlineData(null, "0%", "must be a percentage from 1% to 100%")]
    [InlineData(null, "101%", "must be a percentage from 1% to 100%")]
    [InlineData(null, "x%", "must be a percentage from 1% to 100%")]
    public void Rejects_unusable_values(long? number, string? text, string problem)
    {
        var value = number is { } n ? IntegerOrString.FromNumber(n) : IntegerOrString.FromString(text!);

        Assert.Contains(problem, MaxUnavailable.Problem(value), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MaxUnavailable.Evaluate(value, 10));
    }
}
