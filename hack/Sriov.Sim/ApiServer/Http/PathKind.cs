namespace Sriov.Sim.ApiServer.Http;

/// <summary>What a request path addresses.</summary>
internal enum PathKind
{
    Unknown,
    Version,
    Health,
    OpenApiV2,
    OpenApiV3Root,
    OpenApiV3Document,
    CoreVersions,
    Groups,
    Group,
    GroupVersion,
    Resource,
}
