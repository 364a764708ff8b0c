using Sriov.Api.Common;

namespace Sriov.Operator.Render;

/// <summary>The operator's deployment settings that rendering depends on (env <c>NAMESPACE</c> and <c>RESOURCE_PREFIX</c>).</summary>
public sealed record RenderSettings(
    string OperatorNamespace = SriovObjectNames.DefaultOperatorNamespace,
    string ResourcePrefix = SriovObjectNames.DefaultResourcePrefix);
