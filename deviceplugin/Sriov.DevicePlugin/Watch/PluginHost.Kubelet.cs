using Grpc.Core;

namespace Sriov.DevicePlugin.Watch;

/// <summary>Keeping the sockets served and the pools registered across kubelet restarts.</summary>
internal sealed partial class PluginHost
{
    /// <summary>
    /// Serves again every pool whose socket is gone or replaced (the kubelet deletes every file in device-plugins/ when
    /// it starts), and in kubelet-socket mode notices a new <c>kubelet.sock</c> (created again by a restarted kubelet)
    /// and marks every pool for registration. Upstream only stats its own socket every 5 s.
    /// </summary>
    private async Task CheckSocketsAsync(CancellationToken ct)
    {
        var stamp = _registrar.KubeletStamp;
        if (Mode == PluginMode.KubeletSocket)
        {
            if (stamp is null)
            {
                // No kubelet now: nothing to register with, and serving would race with its clean-up at start.
                foreach (var slot in _slots.Values)
                {
                    slot.Registered = false;
                }

                return;
            }

            if (stamp != _kubeletStamp)
            {
                if (_kubeletStamp is not null)
                {
                    HostLog.KubeletRestarted(_logger, _registrar.KubeletSocket);
                }

                _kubeletStamp = stamp;
                foreach (var slot in _slots.Values)
                {
                    slot.Registered = false;
                    slot.Failures = 0;
                    slot.NextAttempt = _time.GetUtcNow();
                }
            }
        }

        foreach (var slot in _slots.Values)
        {
            if (slot.Server is { SocketIntact: true })
            {
                continue;
            }

            if (slot.Server is not null)
            {
                HostLog.SocketLost(_logger, slot.Runtime.FullName, slot.Server.SocketPath);
                await slot.Server.DisposeAsync();
                slot.Server = null;
            }

            await ServeAsync(slot, ct);
        }
    }

    private DateTimeOffset NextRegistration()
    {
        var next = DateTimeOffset.MaxValue;
        if (Mode != PluginMode.KubeletSocket || !_registrar.KubeletPresent)
        {
            return next;
        }

        foreach (var slot in _slots.Values)
        {
            if (!slot.Registered && slot.Server is not null && slot.NextAttempt < next)
            {
                next = slot.NextAttempt;
            }
        }

        return next;
    }

    private async Task RegisterPendingAsync(CancellationToken ct)
    {
        if (Mode != PluginMode.KubeletSocket || _registrar.KubeletStamp != _kubeletStamp || _kubeletStamp is null)
        {
            return;
        }

        foreach (var slot in _slots.Values)
        {
            if (slot.Registered || slot.Server is null || _time.GetUtcNow() < slot.NextAttempt)
            {
                continue;
            }

            try
            {
                await _registrar.RegisterAsync(slot.Runtime.FullName, slot.Server.SocketPath, ct);
                slot.Registered = true;
                slot.Failures = 0;
                Server.ServerLog.Registered(_logger, slot.Runtime.FullName, _registrar.KubeletSocket);
            }
            catch (RpcException e) when (!ct.IsCancellationRequested)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(_timings.RegisterBackoffMax.TotalMilliseconds, 500 * Math.Pow(2, slot.Failures)));
                slot.Failures++;
                slot.NextAttempt = _time.GetUtcNow() + delay;
                Server.ServerLog.RegisterFailed(_logger, slot.Runtime.FullName, _registrar.KubeletSocket, delay, e.Status.Detail);
            }
        }
    }
}
