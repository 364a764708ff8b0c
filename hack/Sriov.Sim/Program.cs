// sriov-sim: the simulated SR-IOV node and cluster. Commands are added by the issues that build this component.
Console.Error.WriteLine("sriov-sim: no commands yet");
return 2;
