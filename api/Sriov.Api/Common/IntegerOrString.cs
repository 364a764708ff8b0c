using System.Globalization;
using System.Text.Json.Serialization;

namespace Sriov.Api.Common;

/// <summary>
/// A Kubernetes int-or-string value (<c>x-kubernetes-int-or-string</c>) that, unlike KubernetesClient's
/// <c>IntOrString</c>, remembers which of the two it was: <c>maxUnavailable: 5</c> and <c>maxUnavailable: "5"</c>
/// mean different things (the second is an error: a string must be a percentage).
/// </summary>
[JsonConverter(typeof(IntegerOrStringConverter))]
public sealed record IntegerOrString
{
    private IntegerOrString(long? number, string? text)
    {
        Number = number;
        Text = text;
    }

    /// <summary>The integer value, when it is one.</summary>
    public long? Number { get; }

    /// <summary>The string value, when it is one.</summary>
    public string? Text { get; }

    public bool IsNumber => Number.HasValue;

    public static IntegerOrString FromNumber(long value) => new(value, null);

    public static IntegerOrString FromString(string value) => new(null, value ?? throw new ArgumentNullException(nameof(value)));

    public override string ToString() => Number?.ToString(CultureInfo.InvariantCulture) ?? Text!;
}
