namespace Sriov.Kube.Events;

/// <summary>What makes two events the same one (client-go's <c>getEventKey</c>): the source, the involved object, and
/// type, reason and message.</summary>
internal readonly record struct EventKey(
    string Component,
    string? Host,
    string? Kind,
    string? ApiVersion,
    string Namespace,
    string Name,
    string? Uid,
    string Type,
    string Reason,
    string Message);
