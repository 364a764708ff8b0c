using System.Text;
using System.Text.Json;
using Sriov.Host.Json;

namespace Sriov.Host.Tests.Json;

public sealed class MinimalJsonEncoderTests
{
    [Theory]
    [InlineData("VF's netdev <eth1> & more", "\"VF's netdev <eth1> & more\"")]
    [InlineData("quote \" backslash \\", "\"quote \\\" backslash \\\\\"")]
    [InlineData("line\nbreak\ttab\rcr\bbs\fff", "\"line\\nbreak\\ttab\\rcr\\bbs\\fff\"")]
    [InlineData("nul\u0000 esc\u001b del\u007f", "\"nul\\u0000 esc\\u001b del\\u007f\"")]
    [InlineData("sep\u2028para\u2029", "\"sep\\u2028para\\u2029\"")]
    [InlineData("ünïcødé 名前 😀", "\"ünïcødé 名前 😀\"")]
    public void Only_what_json_needs_is_escaped_and_the_result_parses_back(string value, string expected)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, MinimalJsonEncoder.WriterOptions))
        {
            writer.WriteStringValue(value);
        }

        var json = Encoding.UTF8.GetString(buffer.ToArray());
        Assert.Equal(expected, json);
        Assert.Equal(value, JsonDocument.Parse(json).RootElement.GetString());
    }
}
