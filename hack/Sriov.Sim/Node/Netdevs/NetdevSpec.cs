namespace Sriov.Sim.Node.Netdevs;

/// <summary>What a driver registers for a function: the interface's name and initial attributes.</summary>
/// <param name="Name">The name the driver chose (the backend may prefix it with the node token).</param>
/// <param name="Mac">Colon-separated address (20 bytes for IPoIB).</param>
/// <param name="Mtu">Initial MTU.</param>
/// <param name="LinkType">ARPHRD type: 1 Ethernet, 32 InfiniBand.</param>
/// <param name="Up">Administratively up at registration (PFs are; VF interfaces start down).</param>
/// <param name="Speed">Mb/s, or null for none.</param>
/// <param name="PhysPortName">phys_port_name, or null when the driver has none.</param>
internal sealed record NetdevSpec(string Name, string Mac, int Mtu, int LinkType, bool Up, int? Speed, string? PhysPortName);
