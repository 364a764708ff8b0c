using k8s.Models;

namespace Sriov.Operator.Selection;

/// <summary>Label matching for policy node selectors (exact map) and pool selectors (<c>metav1.LabelSelector</c>).</summary>
internal static class LabelMatcher
{
    /// <summary>Every key of <paramref name="selector"/> exists in <paramref name="labels"/> with an equal value.</summary>
    public static bool MatchesMap(IEnumerable<KeyValuePair<string, string>>? selector, IDictionary<string, string>? labels)
    {
        if (selector is null)
        {
            return true;
        }

        foreach (var (key, value) in selector)
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Kubernetes label-selector semantics: matchLabels and every matchExpression (In, NotIn, Exists, DoesNotExist)
    /// must hold. A null or empty selector selects everything, as SriovNetworkPoolConfig documents.
    /// </summary>
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        if (selector is null)
        {
            return true;
        }

        if (!MatchesMap(selector.MatchLabels, labels))
        {
            return false;
        }

        foreach (var e in selector.MatchExpressions ?? [])
        {
            var has = labels is not null && labels.TryGetValue(e.Key ?? "", out var value);
            var values = e.Values ?? [];
            var ok = e.OperatorProperty switch
            {
                "In" => has && values.Contains(labels![e.Key!]),
                "NotIn" => !has || !values.Contains(labels![e.Key!]),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why a label selector is invalid, as the API server would say; empty when valid.</summary>
    public static IEnumerable<string> Problems(V1LabelSelector? selector, string path)
    {
        var expressions = selector?.MatchExpressions ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            var e = expressions[i];
            var where = $"{path}.matchExpressions[{i}]";
            switch (e.OperatorProperty)
            {
                case "In" or "NotIn" when e.Values is not { Count: > 0 }:
                    yield return $"{where}: operator {e.OperatorProperty} needs at least one value";
                    break;
                case "Exists" or "DoesNotExist" when e.Values is { Count: > 0 }:
                    yield return $"{where}: operator {e.OperatorProperty} takes no values";
                    break;
                case "In" or "NotIn" or "Exists" or "DoesNotExist":
                    break;
                default:
                    yield return $"{where}: operator \"{e.OperatorProperty}\" is not one of In, NotIn, Exists, DoesNotExist";
                    break;
            }
        }
    }
}
