namespace Sriov.Sim.ApiServer.Resources;

/// <summary>The rule <c>metadata.name</c> must follow for a resource.</summary>
internal enum NameRule
{
    /// <summary>RFC 1123 subdomain: most kinds.</summary>
    Subdomain,

    /// <summary>RFC 1123 label: namespaces.</summary>
    Label,

    /// <summary>Any path segment (no <c>/</c>, <c>%</c>, not <c>.</c> or <c>..</c>): custom resources.</summary>
    PathSegment,
}
