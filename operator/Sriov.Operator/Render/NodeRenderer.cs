using k8s.Models;
using Sriov.Api.NodeStates;
using Sriov.Operator.Pools;
using Sriov.Operator.Selection;

namespace Sriov.Operator.Render;

/// <summary>Renders one node. Pure: depends only on the context, the node's labels and its node state's status.</summary>
internal static class NodeRenderer
{
    public static NodeRender Render(RenderContext context, V1Node node, SriovNetworkNodeState? state)
    {
        var name = node.Metadata.Name;
        var labels = node.Metadata.Labels;
        var warnings = new List<string>();
        try
        {
            var policies = context.Plans.Where(p => LabelMatcher.MatchesMap(p.Spec.NodeSelector, labels)).ToList();
            string? rdmaMode;
            try
            {
                rdmaMode = PoolMembership.Find(context.PoolConfigs, name, labels)?.Spec.RdmaMode;
            }
            catch (InvalidOperationException e)
            {
                throw new RenderException(e.Message, e);
            }

            var nics = state?.Status?.Interfaces ?? [];
            SriovNetworkNodeStateSpec spec;
            NodeStateAction action;
            if (state is null)
            {
                action = NodeStateAction.Create;
                spec = NodeSpecBuilder.Build(context, [], [], rdmaMode);
            }
            else if (nics.Count == 0)
            {
                action = NodeStateAction.WaitForStatus;
                spec = state.Spec;
                warnings.Add("the config daemon has not reported the node's NICs (status.interfaces) yet; its spec is left as it is");
            }
            else
            {
                action = NodeStateAction.Update;
                spec = NodeSpecBuilder.Build(context, policies, nics, rdmaMode);
            }

            var devicePlugin = DevicePluginConfigBuilder.Build(policies, nics, nics.Count > 0, warnings);
            return new NodeRender(name, action, spec, devicePlugin, [], warnings);
        }
        catch (RenderException e)
        {
            return new NodeRender(name, NodeStateAction.Failed, state?.Spec ?? new SriovNetworkNodeStateSpec(), null, [e.Message], warnings);
        }
    }
}
