// sriov: the CNI plugin. Commands are added by the issues that build this component.
Console.Error.WriteLine("sriov: no commands yet");
return 2;
