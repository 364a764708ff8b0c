// sriov-operator: the SR-IOV operator. Commands are added by the issues that build this component.
Console.Error.WriteLine("sriov-operator: no commands yet");
return 2;
