using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config.Federation;

/// <summary>Finds the node an error is about, so its line and column point at the offending item.</summary>
internal static class YamlNodes
{
    /// <summary>Item <paramref name="index"/> of a list node, or the list itself.</summary>
    public static YamlNode? Item(YamlNode? list, int index) =>
        list is YamlSequenceNode sequence && index < sequence.Children.Count ? sequence.Children[index] : list;

    /// <summary>The key node <paramref name="key"/> of <c>operator: { key: … }</c> in a conditions mapping, or the mapping itself.</summary>
    public static YamlNode? ConditionKey(YamlNode? conditions, string op, string key)
    {
        if (conditions is not YamlMappingNode operators)
        {
            return conditions;
        }

        var keys = operators.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == op).Value as YamlMappingNode;
        return keys?.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key) ?? conditions;
    }
}
