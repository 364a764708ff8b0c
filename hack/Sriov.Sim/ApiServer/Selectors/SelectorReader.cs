namespace Sriov.Sim.ApiServer.Selectors;

/// <summary>A cursor over a selector string.</summary>
internal sealed class SelectorReader
{
    private readonly string _text;

    public SelectorReader(string text) => _text = text;

    public int Position { get; private set; }

    public bool AtEnd => Position >= _text.Length;

    public char Peek => AtEnd ? '\0' : _text[Position];

    public void SkipSpaces()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[Position]))
        {
            Position++;
        }
    }

    public bool TryConsume(string token)
    {
        if (string.CompareOrdinal(_text, Position, token, 0, token.Length) != 0)
        {
            return false;
        }

        Position += token.Length;
        return true;
    }

    public string ReadWhile(Func<char, bool> predicate)
    {
        var start = Position;
        while (!AtEnd && predicate(_text[Position]))
        {
            Position++;
        }

        return _text[start..Position];
    }
}
