namespace Sriov.Cni.Logging;

/// <summary>upstream's <c>logLevel</c> values (cni-log), most to least severe.</summary>
internal enum LogLevel
{
    Panic,
    Error,
    Warning,
    Info,
    Debug,
}
