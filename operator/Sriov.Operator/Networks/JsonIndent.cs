using System.Text;

namespace Sriov.Operator.Networks;

/// <summary>
/// Re-indents valid JSON text the way Go's <c>json.Indent(dst, src, "", "    ")</c> does, which upstream applies to
/// every NAD config: whitespace between tokens is dropped, each member and element goes on its own line indented by
/// four spaces per level, a colon is followed by one space, and empty objects and arrays stay <c>{}</c> and <c>[]</c>.
/// String contents, escapes and number spellings are copied unchanged.
/// </summary>
internal static class JsonIndent
{
    private const string Unit = "    ";

    public static string Indent(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var sb = new StringBuilder(json.Length * 2);
        var depth = 0;
        var needIndent = false; // an opening bracket was written; the next token decides between {} and a new line
        var inString = false;
        var escaped = false;
        foreach (var c in json)
        {
            if (inString)
            {
                sb.Append(c);
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c is ' ' or '\t' or '\n' or '\r')
            {
                continue;
            }

            if (needIndent && c is not ('}' or ']'))
            {
                NewLine(sb, depth);
                needIndent = false;
            }

            switch (c)
            {
                case '{' or '[':
                    sb.Append(c);
                    depth++;
                    needIndent = true;
                    break;
                case '}' or ']':
                    depth--;
                    if (needIndent)
                    {
                        needIndent = false; // empty: keep "{}" / "[]"
                    }
                    else
                    {
                        NewLine(sb, depth);
                    }

                    sb.Append(c);
                    break;
                case ',':
                    sb.Append(c);
                    NewLine(sb, depth);
                    break;
                case ':':
                    sb.Append(": ");
                    break;
                case '"':
                    sb.Append(c);
                    inString = true;
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    private static void NewLine(StringBuilder sb, int depth)
    {
        sb.Append('\n');
        for (var i = 0; i < depth; i++)
        {
            sb.Append(Unit);
        }
    }
}
