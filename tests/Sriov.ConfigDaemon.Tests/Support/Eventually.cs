namespace Sriov.ConfigDaemon.Tests.Support;

/// <summary>Waits (up to 20 s, polling) for something another thread makes true.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "waited 20 s for " + what());
            await Task.Delay(20);
        }
    }
}
