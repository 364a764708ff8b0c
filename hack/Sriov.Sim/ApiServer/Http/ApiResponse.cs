using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Watch;

namespace Sriov.Sim.ApiServer.Http;

/// <summary>What the dispatcher answers: a JSON body, or a watch stream.</summary>
internal abstract record ApiResponse;

/// <summary>A JSON body with its status code and the <c>Warning</c> headers to send.</summary>
internal sealed record JsonResponse(int StatusCode, JsonNode Body, IReadOnlyList<string> Warnings) : ApiResponse;

/// <summary>A plain-text body (health endpoints).</summary>
internal sealed record TextResponse(int StatusCode, string Body) : ApiResponse;

/// <summary>A watch: newline-delimited JSON events until the session ends.</summary>
internal sealed record WatchResponse(WatchSession Session) : ApiResponse;
