using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sriov.Kube.Client;

namespace Sriov.Kube.Leadership;

/// <summary>
/// Leader election over a <c>coordination.k8s.io/v1</c> Lease, with client-go's protocol (so it interoperates with Go
/// candidates on the same lease): acquire by writing the lease with its resourceVersion, renew every RetryPeriod, stop
/// leading when renewals failed for RenewDeadline, release the lease (no holder) when stopped. All timings run on the
/// injected <see cref="TimeProvider"/>. KubernetesClient's own elector has no TimeProvider and no release on stop,
/// hence this one.
/// </summary>
public sealed class LeaderElector
{
    private const double JitterFactor = 1.2;

    private readonly ResourceClient<V1Lease> _leases;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ObjectKey _key;
    private string? _observedVersion;
    private DateTimeOffset _observedAt;
    private volatile string? _leader;
    private volatile bool _isLeader;
    private int _running;

    public LeaderElector(ResourceClient<V1Lease> leases, LeaderElectionOptions options, TimeProvider? time = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _leases = leases;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _key = new ObjectKey(options.Namespace, options.LeaseName);
    }

    /// <summary>True while this candidate leads (between acquiring and losing or releasing the lease).</summary>
    public bool IsLeader => _isLeader;

    /// <summary>The holder last seen on the lease (null when none or not read yet).</summary>
    public string? Leader => _leader;

    /// <summary>
    /// Waits to acquire the lease, then runs <paramref name="whileLeading"/> with a token that is cancelled when
    /// leadership is lost or <paramref name="ct"/> is cancelled, renewing meanwhile. Returns once
    /// <paramref name="whileLeading"/> has returned: after a loss (the lease is left to expire), or after
    /// cancellation or the work's own end (the lease is then released). Exceptions of the work are rethrown after
    /// the release. Cancelled before acquiring, it returns without leading.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"the elector of {_options.Identity} for lease {_key} is already running");
        }

        if (!await AcquireAsync(ct))
        {
            return;
        }

        using var leading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _isLeader = true;
        LeaderLog.Acquired(_logger, _key.ToString(), _options.Identity);
        var work = Task.Run(() => whileLeading(leading.Token), CancellationToken.None);
        var lost = await RenewUntilLostAsync(work, ct);
        _isLeader = false;
        await leading.CancelAsync();
        try
        {
            await work;
        }
        catch (OperationCanceledException) when (leading.IsCancellationRequested)
        {
            // The work stopped because we told it to.
        }
        finally
        {
            if (!lost)
            {
                await ReleaseAsync();
            }
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(ct))
            {
                return true;
            }

            var wait = _options.RetryPeriod * (1 + (JitterFactor * Random.Shared.NextDouble()));
            try
            {
                await Task.Delay(wait, _time, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>Renews every RetryPeriod; true when leadership was lost, false when stopped or the work ended.</summary>
    private async Task<bool> RenewUntilLostAsync(Task work, CancellationToken ct)
    {
        var lastRenew = _time.GetUtcNow();
        while (true)
        {
            var tick = Task.Delay(_options.RetryPeriod, _time, ct);
            if (await Task.WhenAny(tick, work) == work || ct.IsCancellationRequested)
            {
                return false;
            }

            // Each attempt is bounded by what is left of the deadline, so a hanging request cannot keep us leading.
            var left = _options.RenewDeadline - (_time.GetUtcNow() - lastRenew);
            using var attempt = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1), _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, attempt.Token);
            if (await TryAcquireOrRenewAsync(linked.Token))
            {
                lastRenew = _time.GetUtcNow();
            }
            else if (ct.IsCancellationRequested)
            {
                return false;
            }
            else if (_time.GetUtcNow() - lastRenew >= _options.RenewDeadline)
            {
                LeaderLog.Lost(_logger, _key.ToString(), _options.Identity, _options.RenewDeadline);
                return true;
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken ct)
    {
        try
        {
            var now = _time.GetUtcNow();
            var lease = await _leases.GetAsync(_key, ct);
            if (lease is null)
            {
                var created = await _leases.CreateAsync(new V1Lease
                {
                    ApiVersion = "coordination.k8s.io/v1",
                    Kind = "Lease",
                    Metadata = new V1ObjectMeta { Name = _options.LeaseName, NamespaceProperty = _options.Namespace },
                    Spec = LeaseRules.Claim(null, _options.Identity, _options.LeaseDuration, now),
                }, ct);
                Observe(created, now);
                return true;
            }

            Observe(lease, now);
            if (LeaseRules.HeldByAnother(lease.Spec, _options.Identity, _observedAt, now, _options.LeaseDuration))
            {
                return false;
            }

            lease.Spec = LeaseRules.Claim(lease.Spec, _options.Identity, _options.LeaseDuration, now);
            Observe(await _leases.ReplaceAsync(lease, ct), now);
            return true;
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Refused (409: another candidate wrote first), unreachable, or out of time: not leading this round.
            if (!ct.IsCancellationRequested)
            {
                LeaderLog.AttemptFailed(_logger, _key.ToString(), _options.Identity, e.Message);
            }

            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(_options.RenewDeadline, _time);
        try
        {
            var lease = await _leases.GetAsync(_key, timeout.Token);
            if (lease?.Spec?.HolderIdentity != _options.Identity)
            {
                return;
            }

            lease.Spec = LeaseRules.Release(lease.Spec, _time.GetUtcNow());
            Observe(await _leases.ReplaceAsync(lease, timeout.Token), _time.GetUtcNow());
            LeaderLog.Released(_logger, _key.ToString(), _options.Identity);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or IOException or OperationCanceledException)
        {
            // The lease expires on its own; the next leader waits a LeaseDuration longer.
            LeaderLog.AttemptFailed(_logger, _key.ToString(), _options.Identity, e.Message);
        }
    }

    private void Observe(V1Lease lease, DateTimeOffset now)
    {
        if (lease.Metadata?.ResourceVersion != _observedVersion)
        {
            _observedVersion = lease.Metadata?.ResourceVersion;
            _observedAt = now;
        }

        _leader = string.IsNullOrEmpty(lease.Spec?.HolderIdentity) ? null : lease.Spec.HolderIdentity;
    }
}
