using Grpc.Core;
using Sriov.Kubelet.DevicePlugin.V1Beta1;

namespace Sriov.Sim.Kubelet;

/// <summary>The kubelet's <c>v1beta1.Registration</c> service on <c>kubelet.sock</c>.</summary>
internal sealed class RegistrationService : Registration.RegistrationBase
{
    private readonly Func<RegisterRequest, CancellationToken, Task> _register;

    public RegistrationService(Func<RegisterRequest, CancellationToken, Task> register) => _register = register;

    public override async Task<Empty> Register(RegisterRequest request, ServerCallContext context)
    {
        await _register(request, context.CancellationToken);
        return new Empty();
    }
}
