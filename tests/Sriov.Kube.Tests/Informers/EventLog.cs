using Sriov.Kube.Informers;

namespace Sriov.Kube.Tests.Informers;

/// <summary>What an informer delivered, as "Added a" lines, safe to read while it runs.</summary>
internal sealed class EventLog<T>
    where T : class
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public void Record(InformerEvent<T> e)
    {
        lock (_lock)
        {
            _lines.Add($"{e.Type} {e.Key.Name}");
        }
    }

    public Task WaitForAsync(params string[] expected) =>
        Support.Eventually.TrueAsync(() => Lines.Count >= expected.Length,
            $"events [{string.Join(", ", expected)}], got [{string.Join(", ", Lines)}]");
}
