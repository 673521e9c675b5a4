using System.Globalization;
using EdgeIam.Config.Reading;
using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config.Stack;

/// <summary>
/// Every section that creates a role names it; the IAM role is <c>EdgeIam-&lt;stack&gt;-&lt;name&gt;</c>. IAM role
/// names are unique per account regardless of case (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names),
/// so two sections of one stack must not both use a name, whatever its case.
/// </summary>
internal static class RoleNameRules
{
    public static void Check(MappingReader root, StackConfig stack)
    {
        var roles = new List<(string Name, string Section, int Index)>();
        roles.AddRange(stack.EdgeFleets.Select((f, i) => (f.Name, "edgeFleets", i)));
        roles.AddRange((stack.RolesAnywhere?.Roles ?? []).Select((r, i) => (r.Name, "rolesAnywhere.roles", i)));
        roles.AddRange((stack.Oidc?.Roles ?? []).Select((r, i) => (r.Name, "oidc.roles", i)));
        roles.AddRange(stack.CrossAccount.Select((r, i) => (r.Name, "crossAccount", i)));

        var first = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, section, index) in roles)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{section}[{index}].name");
            if (first.TryGetValue(name, out var earlier))
            {
                // Each section's parser already reports duplicates within it (oidc and crossAccount check together).
                if (Group(earlier) != Group(path))
                {
                    root.Context.Error(Find(root.Node, path), path,
                        $"role name '{name}' is also used by {earlier}; IAM role names are unique per account (case-insensitive)",
                        "give one of the two roles another name.");
                }

                continue;
            }

            first[name] = path;
        }
    }

    private static string Group(string path) =>
        path.StartsWith("oidc.", StringComparison.Ordinal) || path.StartsWith("crossAccount", StringComparison.Ordinal)
            ? "federation"
            : path[..path.IndexOf('[', StringComparison.Ordinal)];

    /// <summary>The YAML node at a key path like <c>oidc.roles[1].name</c>, for the error's line and column.</summary>
    private static YamlNode? Find(YamlNode node, string path)
    {
        YamlNode? current = node;
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
}
