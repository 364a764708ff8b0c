namespace Sriov.Sim.ApiServer.Operations;

/// <summary>The <c>fieldValidation</c> query parameter: what to do with fields the schema does not declare.</summary>
internal enum FieldValidation
{
    /// <summary>Drop them silently.</summary>
    Ignore,

    /// <summary>Drop them and answer with a <c>Warning</c> header per field (the default).</summary>
    Warn,

    /// <summary>Refuse the request with 400.</summary>
    Strict,
}
