using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config.Reading;

/// <summary>Finds nodes of a parsed stack file by key path, for checks that run on the whole stack after the sections are parsed.</summary>
internal static class YamlPaths
{
    /// <summary>The YAML node at a key path like <c>oidc.roles[1].name</c>; null when the path is not in the file.</summary>
    public static YamlNode? Find(YamlNode root, string path)
    {
        YamlNode? current = root;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var key = bracket < 0 ? part : part[..bracket];
            current = current is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
            if (bracket >= 0 && current is YamlSequenceNode seq)
            {
                var index = int.Parse(part[(bracket + 1)..^1], CultureInfo.InvariantCulture);
                current = index < seq.Children.Count ? seq.Children[index] : null;
            }

            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>
    /// The key path and node of <paramref name="key"/> in the first entry of the sequence at <paramref name="sequencePath"/>
    /// whose <paramref name="key"/> is <paramref name="value"/> (for config records that do not carry their key path).
    /// </summary>
    public static (string KeyPath, YamlNode? Node) FindItem(YamlNode root, string sequencePath, string key, string value)
    {
        if (Find(root, sequencePath) is YamlSequenceNode sequence)
        {
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                if (sequence.Children[i] is YamlMappingNode item && item.Children.TryGetValue(new YamlScalarNode(key), out var node)
                    && node is YamlScalarNode scalar && scalar.Value == value)
                {
                    return (string.Create(CultureInfo.InvariantCulture, $"{sequencePath}[{i}].{key}"), node);
                }
            }
        }

        return (sequencePath, Find(root, sequencePath));
    }
}
