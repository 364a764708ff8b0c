// The benchmarks run on Linux only (sysfs, netlink, unix sockets, /proc).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
