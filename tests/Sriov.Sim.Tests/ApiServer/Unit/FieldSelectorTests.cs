using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Selectors;

namespace Sriov.Sim.Tests.ApiServer.Unit;

public class FieldSelectorTests
{
    private static readonly JsonObject Pod = JsonNode.Parse("""
        {"metadata":{"name":"p1","namespace":"ns1"},"spec":{"nodeName":"node-a","hostNetwork":true},
         "status":{"phase":"Running"}}
        """)!.AsObject();

    private static readonly HashSet<string> PodFields = ["spec.nodeName", "status.phase", "spec.hostNetwork"];

    [Theory]
    [InlineData("metadata.name=p1", true)]
    [InlineData("metadata.name==p1", true)]
    [InlineData("metadata.name!=p1", false)]
    [InlineData("metadata.namespace=ns1,spec.nodeName=node-a", true)]
    [InlineData("spec.nodeName=node-b", false)]
    [InlineData("spec.nodeName!=node-b", true)]
    [InlineData("status.phase=Running", true)]
    [InlineData("spec.hostNetwork=true", true)]
    public void Matches_supported_fields(string selector, bool expected) =>
        Assert.Equal(expected, FieldSelector.Parse(selector, PodFields, "pods").Matches(Pod));

    [Fact]
    public void Unsupported_field_is_a_400_naming_it()
    {
        var e = Assert.Throws<ApiException>(() => FieldSelector.Parse("spec.schedulerName=x", PodFields, "pods"));
        Assert.Equal(400, e.Code);
        Assert.Contains("field label not supported: spec.schedulerName", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_separators_stay_in_the_value()
    {
        var obj = JsonNode.Parse("""{"metadata":{"name":"a,b=c"}}""")!.AsObject();
        Assert.True(FieldSelector.Parse(@"metadata.name=a\,b\=c", PodFields, "pods").Matches(obj));
    }
}
