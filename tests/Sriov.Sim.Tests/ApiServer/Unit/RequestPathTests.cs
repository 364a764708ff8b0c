using Sriov.Sim.ApiServer.Http;

namespace Sriov.Sim.Tests.ApiServer.Unit;

public class RequestPathTests
{
    [Theory]
    [InlineData("/version", "Version", "", "", null, "", null, null)]
    [InlineData("/api", "CoreVersions", "", "", null, "", null, null)]
    [InlineData("/apis", "Groups", "", "", null, "", null, null)]
    [InlineData("/apis/apps", "Group", "apps", "", null, "", null, null)]
    [InlineData("/api/v1", "GroupVersion", "", "v1", null, "", null, null)]
    [InlineData("/apis/apps/v1", "GroupVersion", "apps", "v1", null, "", null, null)]
    [InlineData("/api/v1/pods", "Resource", "", "v1", null, "pods", null, null)]
    [InlineData("/api/v1/namespaces", "Resource", "", "v1", null, "namespaces", null, null)]
    [InlineData("/api/v1/namespaces/ns1", "Resource", "", "v1", null, "namespaces", "ns1", null)]
    [InlineData("/api/v1/namespaces/ns1/status", "Resource", "", "v1", null, "namespaces", "ns1", "status")]
    [InlineData("/api/v1/namespaces/ns1/finalize", "Resource", "", "v1", null, "namespaces", "ns1", "finalize")]
    [InlineData("/api/v1/namespaces/ns1/pods", "Resource", "", "v1", "ns1", "pods", null, null)]
    [InlineData("/api/v1/namespaces/ns1/pods/p/eviction", "Resource", "", "v1", "ns1", "pods", "p", "eviction")]
    [InlineData("/apis/x.io/v1/namespaces/n/things/t/status", "Resource", "x.io", "v1", "n", "things", "t", "status")]
    [InlineData("/apis/x.io/v1/clusterthings/t", "Resource", "x.io", "v1", null, "clusterthings", "t", null)]
    [InlineData("/openapi/v3", "OpenApiV3Root", "", "", null, "", null, null)]
    [InlineData("/openapi/v3/apis/apps/v1", "OpenApiV3Document", "apps", "v1", null, "", null, null)]
    [InlineData("/openapi/v3/api/v1", "OpenApiV3Document", "", "v1", null, "", null, null)]
    [InlineData("/nothing/here", "Unknown", "", "", null, "", null, null)]
    [InlineData("/api/v1/pods/a/b/c", "Unknown", "", "", null, "", null, null)]
    public void Splits_paths_as_the_api_server_routes_them(string path, string kind, string group, string version,
        string? ns, string plural, string? name, string? sub) =>
        Assert.Equal(new RequestPath(Enum.Parse<PathKind>(kind), group, version, ns, plural, name, sub), RequestPath.Parse(path));
}
