// sriov-operator: the SR-IOV operator. The offline commands render and validate run the operator's rules on
// manifests without a cluster; the controllers and the webhook server come with a later issue.
using Sriov.Operator.Commands;

return args.Length == 0 ? Usage(2) : args[0] switch
{
    "render" => RenderCommand.Run(args[1..], Console.In, Console.Out, Console.Error),
    "validate" => ValidateCommand.Run(args[1..], Console.In, Console.Out, Console.Error),
    "-h" or "--help" or "help" => Usage(0),
    _ => Usage(2),
};

static int Usage(int code)
{
    (code == 0 ? Console.Out : Console.Error).WriteLine(CommandLine.Usage);
    return code;
}
