using System.Globalization;
using System.Text;

namespace Sriov.Cni.Logging;

/// <summary>
/// The plugin's logger: one line per event (<c>2026-11-25T10:00:00.123Z [info] ADD 1234/net1: ...</c>) to
/// <c>logFile</c> (appended, opened on the first line) or to stderr. stdout is never used: it carries only the CNI
/// result. No framework: the plugin starts in a few milliseconds and lives for one operation.
/// </summary>
internal sealed class CniLog : IDisposable
{
    private readonly LogLevel _level;
    private readonly string? _file;
    private readonly TextWriter _fallback;
    private string _prefix = string.Empty;
    private StreamWriter? _writer;
    private bool _fileFailed;

    public CniLog(LogLevel level, string? file, TextWriter fallback)
    {
        _level = level;
        _file = file;
        _fallback = fallback;
    }

    /// <summary>Logs nothing (tests, and before the config is read).</summary>
    public static CniLog Silent { get; } = new(LogLevel.Panic, null, TextWriter.Null);

    /// <summary>Set once the attachment is known: <c>ADD 1234/net1</c>.</summary>
    public void SetContext(string prefix) => _prefix = prefix + ": ";

    public void Error(string message) => Write(LogLevel.Error, "error", message);

    public void Warning(string message) => Write(LogLevel.Warning, "warning", message);

    public void Info(string message) => Write(LogLevel.Info, "info", message);

    public void Debug(string message) => Write(LogLevel.Debug, "debug", message);

    public void Dispose() => _writer?.Dispose();

    private void Write(LogLevel level, string name, string message)
    {
        if (level > _level)
        {
            return;
        }

        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} [{name}] {_prefix}{message}");
        var writer = Target();
        try
        {
            writer.WriteLine(line);
            writer.Flush();
        }
        catch (IOException)
        {
            // A full disk or a closed stderr must not fail the CNI operation.
        }
    }

    private TextWriter Target()
    {
        if (_file is null || _fileFailed)
        {
            return _fallback;
        }

        if (_writer is null)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
                _writer = new StreamWriter(new FileStream(_file, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _fileFailed = true;
                _fallback.WriteLine($"sriov: cannot open logFile {_file}: {e.Message}; logging to stderr");
                return _fallback;
            }
        }

        return _writer;
    }
}
