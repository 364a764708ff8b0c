using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Selectors;

namespace Sriov.Sim.Tests.ApiServer.Unit;

public class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["app"] = "sriov",
        ["tier"] = "node",
        ["example.com/zone"] = "a",
        ["replicas"] = "3",
    };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=sriov", true)]
    [InlineData("app==sriov", true)]
    [InlineData("app=other", false)]
    [InlineData("app!=other", true)]
    [InlineData("missing!=x", true)]
    [InlineData("app!=sriov", false)]
    [InlineData("app in (a, sriov)", true)]
    [InlineData("app in (a,b)", false)]
    [InlineData("app notin (a,b)", true)]
    [InlineData("missing notin (a)", true)]
    [InlineData("app", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!app", false)]
    [InlineData("app=sriov,tier=node", true)]
    [InlineData("app=sriov,tier=master", false)]
    [InlineData("example.com/zone=a", true)]
    [InlineData("replicas>2", true)]
    [InlineData("replicas<2", false)]
    [InlineData(" app = sriov , !missing ", true)]
    public void Matches_like_apimachinery(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("app=sriov)", "found ')'")]
    [InlineData("app in a", "expected '('")]
    [InlineData("app in (a", "expected ',' or ')'")]
    [InlineData("Bad Key=1", "")]
    [InlineData("app=has space", "")]
    [InlineData("replicas>x", "must be an integer")]
    [InlineData("-bad=1", "invalid label key")]
    public void Malformed_selectors_are_a_400_naming_the_selector(string selector, string detail)
    {
        var e = Assert.Throws<ApiException>(() => LabelSelector.Parse(selector));
        Assert.Equal(400, e.Code);
        Assert.Contains(selector, e.Message, StringComparison.Ordinal);
        Assert.Contains(detail, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_selector_object_matches_nothing_and_empty_matches_everything()
    {
        Assert.False(LabelSelector.FromObject(null).Matches(Labels));
        Assert.True(LabelSelector.FromObject(new JsonObject()).Matches(Labels));
    }

    [Theory]
    [InlineData("""{"matchLabels":{"app":"sriov"}}""", true)]
    [InlineData("""{"matchLabels":{"app":"x"}}""", false)]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"In","values":["node"]}]}""", true)]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"NotIn","values":["node"]}]}""", false)]
    [InlineData("""{"matchExpressions":[{"key":"gone","operator":"DoesNotExist"}]}""", true)]
    [InlineData("""{"matchLabels":{"app":"sriov"},"matchExpressions":[{"key":"tier","operator":"Exists"}]}""", true)]
    public void Selector_objects_combine_matchLabels_and_matchExpressions(string json, bool expected) =>
        Assert.Equal(expected, LabelSelector.FromObject(JsonNode.Parse(json)).Matches(Labels));
}
