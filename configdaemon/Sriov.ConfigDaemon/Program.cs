// sriov-network-config-daemon: the SR-IOV config daemon. Commands are added by the issues that build this component.
Console.Error.WriteLine("sriov-network-config-daemon: no commands yet");
return 2;
