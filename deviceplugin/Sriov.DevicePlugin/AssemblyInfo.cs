// The device plugin runs on Linux nodes only (sysfs, netlink, unix sockets, file modes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
