namespace Sriov.Operator.Admission;

/// <summary>The admission request operation.</summary>
public enum AdmissionOperation
{
    Create,
    Update,
    Delete,
}
