// sriov-device-plugin: the kubelet device plugin (docs/device-plugin.md).
//   sriov-device-plugin [flags]                       serve the pools to the kubelet
//   sriov-device-plugin discover [flags]              print the pools as JSON and exit
//   sriov-device-plugin list-and-watch --socket S     print what a plugin socket tells the kubelet
using Sriov.DevicePlugin.Cli;

return args.Length > 0 && args[0] == "discover" ? DiscoverCommand.Run(args[1..], Console.Out, Console.Error)
    : args.Length > 0 && args[0] == "list-and-watch" ? await ListAndWatchCommand.RunAsync(args[1..], Console.Out, Console.Error)
    : await ServeCommand.RunAsync(args);
