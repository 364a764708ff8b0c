using System.Collections.ObjectModel;
using System.Text.Json.Serialization;

namespace Sriov.Api.Node.DevicePlugin;

/// <summary>
/// The <c>selectors</c> value: upstream accepts a single selector object (the form the operator writes) or an array
/// of them. The list remembers which form it was read in so that writing it back preserves the document.
/// </summary>
[JsonConverter(typeof(ResourceSelectorListConverter))]
public sealed class ResourceSelectorList : Collection<ResourceSelector>
{
    public ResourceSelectorList()
    {
    }

    public ResourceSelectorList(IList<ResourceSelector> selectors, bool writeAsArray)
        : base(selectors)
    {
        WriteAsArray = writeAsArray;
    }

    /// <summary>
    /// Written as a JSON array when true; as a single object when false and the list has exactly one element.
    /// </summary>
    public bool WriteAsArray { get; set; }

    /// <summary>A list holding one selector, written as a single object like the operator does.</summary>
    public static ResourceSelectorList OfOne(ResourceSelector selector) => new([selector], writeAsArray: false);
}
