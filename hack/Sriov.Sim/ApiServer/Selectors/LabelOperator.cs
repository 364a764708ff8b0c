namespace Sriov.Sim.ApiServer.Selectors;

/// <summary>Label selector operators (<c>=</c>/<c>==</c>, <c>!=</c>, <c>in</c>, <c>notin</c>, exists, <c>!</c>, <c>&gt;</c>, <c>&lt;</c>).</summary>
internal enum LabelOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}
