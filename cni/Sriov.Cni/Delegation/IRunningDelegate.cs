namespace Sriov.Cni.Delegation;

/// <summary>A started delegate. Disposing reaps it (waiting for it) if <see cref="Wait"/> was not called.</summary>
internal interface IRunningDelegate : IDisposable
{
    /// <summary>Waits for the delegate and returns its stdout; throws <see cref="DelegateException"/> when it failed.</summary>
    byte[] Wait();
}
