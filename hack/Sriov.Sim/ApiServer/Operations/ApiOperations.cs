namespace Sriov.Sim.ApiServer.Operations;

/// <summary>Every operation on resources, shared by the HTTP front end and the emulator's own controllers.</summary>
internal sealed class ApiOperations
{
    public ApiOperations(ApiContext ctx)
    {
        Context = ctx;
        var writer = new ObjectWriter(ctx);
        Create = new CreateOperation(ctx);
        Update = new UpdateOperation(ctx, writer);
        Patch = new PatchOperation(ctx, writer, Create);
        Delete = new DeleteOperation(ctx);
        List = new ListOperation(ctx);
        Watch = new WatchOperation(ctx);
        Evict = new EvictionOperation(ctx, Delete);
    }

    public ApiContext Context { get; }

    public CreateOperation Create { get; }

    public UpdateOperation Update { get; }

    public PatchOperation Patch { get; }

    public DeleteOperation Delete { get; }

    public ListOperation List { get; }

    public WatchOperation Watch { get; }

    public EvictionOperation Evict { get; }
}
