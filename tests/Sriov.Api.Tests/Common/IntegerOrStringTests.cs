using System.Text.Json;
using Sriov.Api.Json;
using Sriov.Api.PoolConfigs;

namespace Sriov.Api.Tests.Common;

public sealed class IntegerOrStringTests
{
    [Theory]
    [InlineData("5", 5L, null)]
    [InlineData("\"5\"", null, "5")]
    [InlineData("\"25%\"", null, "25%")]
    public void Keeps_whether_it_was_a_number_or_a_string(string json, long? number, string? text)
    {
        var pool = JsonSerializer.Deserialize("{\"spec\":{\"maxUnavailable\":" + json + "}}", SriovJsonContext.Default.SriovNetworkPoolConfig)!;

        Assert.Equal(number, pool.Spec.MaxUnavailable!.Number);
        Assert.Equal(text, pool.Spec.MaxUnavailable.Text);
        Assert.Contains($"\"maxUnavailable\":{json}", JsonSerializer.Serialize(pool, SriovJsonContext.Default.SriovNetworkPoolConfig), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("true")]
    public void Rejects_other_json(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{\"spec\":{\"maxUnavailable\":" + json + "}}", SriovJsonContext.Default.SriovNetworkPoolConfig));
}
