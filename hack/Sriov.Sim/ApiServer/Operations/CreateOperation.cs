using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Behaviors;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>POST to a collection: a new object with server-set uid, creationTimestamp, generation and resourceVersion.</summary>
internal sealed class CreateOperation
{
    // The API server's generateName alphabet: no vowels (no words) and no confusable characters.
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private readonly ApiContext _ctx;

    public CreateOperation(ApiContext ctx) => _ctx = ctx;

    public WriteResult Create(ResourceType rt, string ns, JsonObject body, WriteOptions options, List<string> warnings,
        string operation = "Update")
    {
        lock (_ctx.Store.Gate)
        {
            TypeMeta.CheckAndFill(body, rt);
            var meta = ObjectMeta.Of(body);
            if (rt.Namespaced)
            {
                var bodyNs = ObjectMeta.Namespace(body);
                if (bodyNs.Length > 0 && bodyNs != ns)
                {
                    throw ApiErrors.BadRequest(
                        "the namespace of the provided object does not match the namespace sent on the request");
                }

                meta["namespace"] = ns;
            }
            else
            {
                meta.Remove("namespace");
                ns = "";
            }

            if (ObjectMeta.ResourceVersion(body).Length > 0)
            {
                throw ApiErrors.Internal("resourceVersion should not be set on objects to be created");
            }

            var name = ObjectMeta.Name(body);
            if (name.Length == 0 && ObjectMeta.Str(body, "generateName") is { Length: > 0 } prefix)
            {
                name = GenerateName(rt, ns, prefix);
                meta["name"] = name;
            }

            NamespaceGate.CheckCreate(_ctx, rt, ns, name);
            if (rt.ClearsStatusOnCreate)
            {
                body.Remove("status");
            }

            KindBehaviors.For(rt).PrepareForCreate(body, rt, _ctx);
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = ObjectMeta.Timestamp(_ctx.Now);
            foreach (var field in new[] { "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields" })
            {
                meta.Remove(field);
            }

            if (rt.TracksGeneration)
            {
                meta["generation"] = 1;
            }
            else
            {
                meta.Remove("generation");
            }

            ObjectWriter.Admit(body, null, rt, options, warnings);
            if (name.Length > 0 && _ctx.Store.Get(rt.StorageKey, ns, name) is not null)
            {
                throw ApiErrors.AlreadyExists(rt, name);
            }

            ManagedFields.Record(body, options.Manager, operation, rt.ApiVersion, body, null, _ctx.Now);
            TypeMeta.ToStorage(body, rt);
            if (options.DryRun)
            {
                return new WriteResult(body, WriteOutcome.Created);
            }

            var committed = _ctx.Store.Put(rt.StorageKey, ns, name, body);
            return new WriteResult((JsonObject)committed.Current.DeepClone(), WriteOutcome.Created);
        }
    }

    private string GenerateName(ResourceType rt, string ns, string prefix)
    {
        // The API server truncates the prefix so that the name stays within 63 characters plus the 5-character suffix.
        var basePrefix = prefix.Length > 58 ? prefix[..58] : prefix;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var suffix = string.Create(5, Random.Shared, (span, rng) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = NameAlphabet[rng.Next(NameAlphabet.Length)];
                }
            });
            var name = basePrefix + suffix;
            if (_ctx.Store.Get(rt.StorageKey, ns, name) is null)
            {
                return name;
            }
        }

        throw new ApiException(409, "AlreadyExists",
            $"{rt.QualifiedPlural} \"{prefix}\" already exists, the server was not able to generate a unique name " +
            "for the object");
    }
}
