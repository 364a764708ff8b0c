namespace Sriov.Operator.Render;

/// <summary>The <c>sriovnetwork.openshift.io/device-plugin</c> label the operator sets on a node; null <see cref="Value"/> removes it.</summary>
public sealed record NodeLabel(string NodeName, string? Value);
