namespace Sriov.Operator.Commands;

/// <summary><c>-o json</c> or <c>-o yaml</c>.</summary>
internal enum OutputFormat
{
    Json,
    Yaml,
}
