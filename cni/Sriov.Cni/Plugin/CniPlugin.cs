using System.Text.Json;
using Sriov.Cni.Config;
using Sriov.Cni.Logging;
using Sriov.Cni.Skel;
using Sriov.Host.Json;

namespace Sriov.Cni.Plugin;

/// <summary>
/// The dispatcher (libcni's skel): CNI_COMMAND, the environment checks, the config, the version gates (CHECK needs
/// 0.4.0, STATUS and GC 1.1.0), the logger, then the command. Returns what goes to stdout and the exit status: the
/// result (or nothing) and 0, or a CNI error object and 1.
/// </summary>
internal sealed class CniPlugin
{
    private readonly PluginContext _context;
    private readonly TextWriter _stderr;

    public CniPlugin(PluginContext context, TextWriter stderr)
    {
        _context = context;
        _stderr = stderr;
    }

    public (byte[] Stdout, int ExitCode) Run(Func<string, string?> getenv, byte[] stdin)
    {
        ArgumentNullException.ThrowIfNull(getenv);
        string? version = null;
        try
        {
            var command = CniEnvironmentReader.ParseCommand(getenv("CNI_COMMAND") ?? string.Empty);
            if (command == CniCommand.Version)
            {
                return (VersionAnswer(CniVersion.Normalize(NetConfLoader.PeekVersion(stdin))), 0);
            }

            var env = CniEnvironmentReader.Read(getenv);
            var conf = NetConfLoader.Load(stdin);
            version = conf.CniVersion;
            Gate(command, conf.CniVersion);
            using var log = Logger(command, conf);
            _context.Log = log;
            log.SetContext(command == CniCommand.Add || command == CniCommand.Del || command == CniCommand.Check
                ? $"{command.ToString().ToUpperInvariant()} {env.ContainerId}/{env.IfName}"
                : command.ToString().ToUpperInvariant());
            try
            {
                return (Dispatch(command, env, conf), 0);
            }
            catch (CniException e)
            {
                log.Error($"code {e.Code}: {e.Message}");
                throw;
            }
        }
        catch (CniException e)
        {
            return (ErrorAnswer(version, e.Code, e.Message, e.Details), 1);
        }
#pragma warning disable CA1031 // The CNI contract: every failure becomes an error object on stdout.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (ErrorAnswer(version, CniErrorCode.Internal, $"internal error: {e.GetType().Name}: {e.Message}", e.StackTrace), 1);
        }
        finally
        {
            _context.Log = CniLog.Silent;
        }
    }

    private byte[] Dispatch(CniCommand command, CniEnvironment env, NetConf conf)
    {
        switch (command)
        {
            case CniCommand.Add:
                return new AddCommand(_context).Run(env, conf);
            case CniCommand.Del:
                new DelCommand(_context).Run(env, conf);
                return [];
            case CniCommand.Check:
                new CheckCommand(_context).Run(env, conf);
                return [];
            case CniCommand.Status:
                new StatusCommand(_context).Run(env, conf);
                return [];
            case CniCommand.Gc:
                new GcCommand(_context).Run(env, conf);
                return [];
            default:
                throw new CniException(CniErrorCode.InvalidEnvironment, $"CNI_COMMAND {command} is not handled");
        }
    }

    private static void Gate(CniCommand command, string version)
    {
        var minimum = command switch
        {
            CniCommand.Check => CniVersion.V040,
            CniCommand.Status or CniCommand.Gc => CniVersion.V110,
            _ => CniVersion.V010,
        };
        if (!CniVersion.AtLeast(version, minimum))
        {
            throw new CniException(
                CniErrorCode.IncompatibleVersion,
                $"config version \"{version}\" does not allow {command.ToString().ToUpperInvariant()}; it needs cniVersion {minimum} or later");
        }
    }

    /// <summary>
    /// The logger of <c>logLevel</c>/<c>logFile</c>. ADD and CHECK refuse a logFile outside /var/log (code 7, by the
    /// validator); DEL, STATUS and GC must not fail over it, so they log to stderr instead.
    /// </summary>
    private CniLog Logger(CniCommand command, NetConf conf)
    {
        var problem = NetConfValidator.LogFileProblem(conf.LogFile);
        if (problem is not null && command is CniCommand.Add or CniCommand.Check)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, problem);
        }

        var file = problem is null && !string.IsNullOrEmpty(conf.LogFile) ? _context.Root.Resolve(conf.LogFile) : null;
        var log = new CniLog(conf.LogLevel, file, _stderr);
        if (problem is not null)
        {
            log.Warning(problem + "; logging to stderr");
        }

        return log;
    }

    public static byte[] VersionAnswer(string version)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, MinimalJsonEncoder.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("cniVersion", version);
            w.WriteStartArray("supportedVersions");
            foreach (var v in CniVersion.Supported)
            {
                w.WriteStringValue(v);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] ErrorAnswer(string? version, int code, string message, string? details)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, MinimalJsonEncoder.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("cniVersion", version ?? CniVersion.Latest);
            w.WriteNumber("code", code);
            w.WriteString("msg", message);
            if (!string.IsNullOrEmpty(details))
            {
                w.WriteString("details", details);
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
