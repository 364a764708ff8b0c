using System.Globalization;
using Sriov.Api.Common;

namespace Sriov.Operator.Pools;

/// <summary>
/// Evaluates a pool's <c>maxUnavailable</c> for a pool of a given size: how many of its nodes may drain at once.
/// </summary>
internal static class MaxUnavailable
{
    /// <summary>Returned for an absent value: no limit.</summary>
    public const int Unlimited = -1;

    /// <summary>Why the value is not usable, or null when it is.</summary>
    public static string? Problem(IntegerOrString? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Number is { } n)
        {
            return n < 0 ? $"maxUnavailable {n} is negative; use 0 or more, or a percentage such as \"25%\"" : null;
        }

        var text = value.Text!;
        if (!text.EndsWith('%'))
        {
            return $"maxUnavailable \"{text}\" is a string but not a percentage; write a number without quotes (e.g. 2) or a percentage (e.g. \"25%\")";
        }

        if (!int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent)
            || percent is < 1 or > 100)
        {
            return $"maxUnavailable \"{text}\" must be a percentage from 1% to 100%";
        }

        return null;
    }

    /// <summary>
    /// The number of nodes of a pool of <paramref name="nodeCount"/> that may drain at once, or
    /// <see cref="Unlimited"/>. A percentage is rounded down like upstream, but never below 1 for a non-empty pool:
    /// upstream's 10% of 5 nodes is 0, which blocks the pool's drains forever (a deliberate deviation).
    /// </summary>
    /// <exception cref="ArgumentException">The value is not usable (see <see cref="Problem"/>).</exception>
    public static int Evaluate(IntegerOrString? value, int nodeCount)
    {
        if (Problem(value) is { } problem)
        {
            throw new ArgumentException(problem, nameof(value));
        }

        if (value is null)
        {
            return Unlimited;
        }

        if (value.Number is { } n)
        {
            return (int)Math.Min(n, int.MaxValue);
        }

        var percent = int.Parse(value.Text.AsSpan(0, value.Text!.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture);
        var scaled = nodeCount * percent / 100;
        return nodeCount > 0 ? Math.Max(1, scaled) : 0;
    }
}
