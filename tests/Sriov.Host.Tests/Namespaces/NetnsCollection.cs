namespace Sriov.Host.Tests.Namespaces;

/// <summary>Tests that need root and real network namespaces run one at a time, never beside other collections.</summary>
[CollectionDefinition("Netns", DisableParallelization = true)]
public sealed class NetnsCollection
{
}
