using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Operations;

namespace Sriov.Sim.ApiServer.Controllers;

/// <summary>How the emulator's controllers write: as a named field manager, tolerating the races a real controller
/// tolerates (the object is gone, or changed meanwhile: the next event or resync retries).</summary>
internal static class ControllerWrites
{
    public static WriteOptions As(string manager) => new(false, manager, FieldValidation.Ignore, null);

    /// <summary>Runs a write; returns false if it lost a race (404 or 409).</summary>
    public static bool Try(Action write)
    {
        try
        {
            write();
            return true;
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            return false;
        }
    }
}
