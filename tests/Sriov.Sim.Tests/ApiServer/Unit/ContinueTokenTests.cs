using System.Text;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Operations;

namespace Sriov.Sim.Tests.ApiServer.Unit;

public class ContinueTokenTests
{
    [Fact]
    public void Round_trips_revision_and_start_key()
    {
        var token = ContinueToken.Encode(42, "default/b\0");
        Assert.Equal((42L, "default/b\0"), ContinueToken.Decode(token));
        Assert.DoesNotContain('=', token);
    }

    [Fact]
    public void Has_the_api_servers_shape()
    {
        var token = ContinueToken.Encode(7, "ns/x\0");
        var padded = token.Replace('-', '+').Replace('_', '/');
        padded = padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=');
        Assert.Equal("""{"v":"meta.k8s.io/v1","rv":7,"start":"ns/x\u0000"}""",
            Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
    }

    [Theory]
    [InlineData("not-base64!")]
    [InlineData("eyJ2IjoieCJ9")]
    public void Garbage_is_a_400(string token) =>
        Assert.Equal(400, Assert.Throws<ApiException>(() => ContinueToken.Decode(token)).Code);
}
