namespace Sriov.Kube.Client;

/// <summary>
/// The label and field selectors of a list or watch, in the API server's query syntax
/// (<c>app=x,tier!=db</c>; <c>metadata.name=node-1</c>). Null selects everything.
/// </summary>
public sealed record ResourceSelector(string? Label = null, string? Field = null)
{
    public static ResourceSelector All { get; } = new();

    /// <summary>The one object named <paramref name="name"/> (<c>fieldSelector=metadata.name=NAME</c>), as the config
    /// daemon watches its own node state and its own Node.</summary>
    public static ResourceSelector Named(string name) => new(Field: $"metadata.name={name}");

    public override string ToString() => (Label, Field) switch
    {
        (null, null) => "all",
        (_, null) => $"labels {Label}",
        (null, _) => $"fields {Field}",
        _ => $"labels {Label}, fields {Field}",
    };
}
