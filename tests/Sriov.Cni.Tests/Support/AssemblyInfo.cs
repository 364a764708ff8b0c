// The plugin and its tests are Linux-only (netns, sysfs, rtnetlink).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
