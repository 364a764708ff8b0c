using Sriov.Operator.Networks;

namespace Sriov.Operator.Tests.Networks;

/// <summary>Output of Go's json.Indent(dst, src, "", "    ") for the same inputs.</summary>
public sealed class JsonIndentTests
{
    [Theory]
    [InlineData("{}", "{}")]
    [InlineData("[]", "[]")]
    [InlineData("{ }", "{}")]
    [InlineData("{\"a\":1}", "{\n    \"a\": 1\n}")]
    [InlineData("{\"a\":[1,2],\"b\":{}}", "{\n    \"a\": [\n        1,\n        2\n    ],\n    \"b\": {}\n}")]
    [InlineData("{ \"a\" :\t\"x y\" , \"b\":[ ] }", "{\n    \"a\": \"x y\",\n    \"b\": []\n}")]
    [InlineData("{\"s\":\"q\\\"{,:}[]\\\\\"}", "{\n    \"s\": \"q\\\"{,:}[]\\\\\"\n}")]
    [InlineData("[{\"a\":1e3}]", "[\n    {\n        \"a\": 1e3\n    }\n]")]
    public void Indents_like_go(string input, string expected) => Assert.Equal(expected, JsonIndent.Indent(input));
}
