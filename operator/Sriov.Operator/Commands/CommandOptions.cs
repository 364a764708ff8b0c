using Sriov.Api.Common;

namespace Sriov.Operator.Commands;

/// <summary>The flags of the offline <c>render</c> and <c>validate</c> commands.</summary>
internal sealed record CommandOptions(
    IReadOnlyList<string> Paths,
    string Namespace = SriovObjectNames.DefaultOperatorNamespace,
    string ResourcePrefix = SriovObjectNames.DefaultResourcePrefix,
    OutputFormat Output = OutputFormat.Json);
