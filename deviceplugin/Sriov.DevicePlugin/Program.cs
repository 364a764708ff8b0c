// sriov-device-plugin: the kubelet device plugin. Commands are added by the issues that build this component.
Console.Error.WriteLine("sriov-device-plugin: no commands yet");
return 2;
