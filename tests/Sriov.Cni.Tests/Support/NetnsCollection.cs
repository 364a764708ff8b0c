namespace Sriov.Cni.Tests.Support;

/// <summary>Tests that need root and network namespaces run one at a time (ARCHITECTURE.md, "what is real in tests").</summary>
[CollectionDefinition("Netns", DisableParallelization = true)]
public sealed class NetnsCollection
{
}
