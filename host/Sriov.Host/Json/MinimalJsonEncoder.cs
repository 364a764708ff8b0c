using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sriov.Host.Json;

/// <summary>
/// The escaping JSON itself requires (RFC 8259 §7: quotation mark, reverse solidus, control characters), plus DEL and
/// U+2028/U+2029 for readers that treat them as line ends; every other character is written as it is. For the files and
/// answers our node agents write (not HTML), where <see cref="JavaScriptEncoder.Default"/>'s extra escaping only makes
/// messages harder to read (<c>VF\u0027s</c>), and its set-up (a static constructor building its allow-list) costs a
/// one-shot process such as the CNI plugin a noticeable part of its start-up.
/// </summary>
public sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    private MinimalJsonEncoder()
    {
    }

    public static MinimalJsonEncoder Instance { get; } = new();

    /// <summary>Options for a <see cref="Utf8JsonWriter"/> that escapes with this encoder, compact.</summary>
    public static JsonWriterOptions WriterOptions => new() { Encoder = Instance };

    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar is '"' or '\\' or 0x7f or 0x2028 or 0x2029;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < textLength; i++)
        {
            if (WillEncode(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var output = new Span<char>(buffer, bufferLength);
        if (!WillEncode(unicodeScalar))
        {
            return new Rune(unicodeScalar).TryEncodeToUtf16(output, out numberOfCharactersWritten);
        }

        var shortForm = unicodeScalar switch
        {
            '"' => '"',
            '\\' => '\\',
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            '\b' => 'b',
            '\f' => 'f',
            _ => '\0',
        };
        if (shortForm != '\0')
        {
            if (bufferLength < 2)
            {
                numberOfCharactersWritten = 0;
                return false;
            }

            output[0] = '\\';
            output[1] = shortForm;
            numberOfCharactersWritten = 2;
            return true;
        }

        if (bufferLength < 6)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        output[0] = '\\';
        output[1] = 'u';
        const string hex = "0123456789abcdef";
        for (var i = 0; i < 4; i++)
        {
            output[2 + i] = hex[(unicodeScalar >> (12 - (4 * i))) & 0xf];
        }

        numberOfCharactersWritten = 6;
        return true;
    }
}
