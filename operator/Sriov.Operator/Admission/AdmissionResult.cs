namespace Sriov.Operator.Admission;

/// <summary>The verdict of admission on one object.</summary>
/// <param name="Allowed">False when any rule rejects the object.</param>
/// <param name="Message">Why it was rejected (every failed rule, separated by "; "); empty when allowed.</param>
/// <param name="Warnings">Advice returned even when allowed (kubectl prints these).</param>
/// <param name="Patch">The mutating webhook's JSON Patch (policies only).</param>
public sealed record AdmissionResult(bool Allowed, string Message, IReadOnlyList<string> Warnings, IReadOnlyList<JsonPatchOperation> Patch)
{
    public static AdmissionResult Allow(IReadOnlyList<string>? warnings = null, IReadOnlyList<JsonPatchOperation>? patch = null) =>
        new(true, "", warnings ?? [], patch ?? []);

    /// <summary>Allowed when <paramref name="errors"/> is empty, else rejected with all of them.</summary>
    public static AdmissionResult From(IReadOnlyList<string> errors, IReadOnlyList<string> warnings, IReadOnlyList<JsonPatchOperation>? patch = null) =>
        new(errors.Count == 0, string.Join("; ", errors), warnings, patch ?? []);
}
