using System.Globalization;
using System.Text.RegularExpressions;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Stack;

/// <summary>
/// The rules for the name of every role EdgeIam creates (edge fleets, Roles Anywhere, OIDC and cross-account roles),
/// in one place. The IAM role is <c>EdgeIam-&lt;stack&gt;-&lt;name&gt;</c>, and IAM allows at most 64 characters of
/// <c>[\w+=,.@-]</c> (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html), so the loader checks
/// the prefixed name; role names are unique per account regardless of case
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names), so two
/// sections of one stack must not both use a name, whatever its case.
/// </summary>
public static partial class RoleNames
{
    /// <summary>IAM's limit on a role name (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).</summary>
    public const int MaxLength = 64;

    /// <summary>What <see cref="Pattern"/> accepts, for messages.</summary>
    internal const string PatternDescription = "an IAM role name (1-64 letters, digits or +=,.@_-)";

    /// <summary>
    /// IAM role names are unique per account, and several stacks (dev and prod) often share one account, so the
    /// physical name carries the stack: <c>EdgeIam-prod-GitHubDeploy</c>. The config name stays in the
    /// <c>edgeiam:role</c> tag for the policy engine.
    /// </summary>
    /// <param name="prefix">The stack's <see cref="StackConfig.RoleNamePrefix"/> (<c>EdgeIam-prod</c>, or
    /// <c>EdgeIam-fleet-us-east-1</c> for a target of a stack file with <c>targets</c>).</param>
    public static string Physical(string prefix, string configName) => $"{prefix}-{configName}";

    /// <summary>The characters IAM allows in a role name, before the stack prefix is added.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{1,64}$", RegexOptions.CultureInvariant)]
    internal static partial Regex Pattern();

    /// <summary>Every role of the stack, by config name, with the key path of its name, in section order.</summary>
    internal static List<(string Name, string Path)> Of(StackConfig stack)
    {
        var roles = new List<(string Name, string Path)>();
        roles.AddRange(stack.EdgeFleets.Select(f => (f.Name, f.KeyPath + ".name")));
        roles.AddRange((stack.RolesAnywhere?.Roles ?? []).Select(r => (r.Name, r.KeyPath + ".name")));
        roles.AddRange((stack.Oidc?.Roles ?? []).Select(r => (r.Name, r.KeyPath + ".name")));
        roles.AddRange(stack.CrossAccount.Select(r => (r.Name, r.KeyPath + ".name")));
        roles.AddRange(stack.EdgeFleets.SelectMany(f => f.ContainerRoles).Select(r => (r.Name, r.KeyPath + ".name")));
        roles.AddRange(stack.ServiceRoles.Select(r => (r.Name, r.KeyPath + ".name")));
        roles.AddRange((stack.Saml?.Roles ?? []).Select(r => (r.Name, r.KeyPath + ".name")));
        return roles;
    }

    /// <summary>Checks every role of the stack: the prefixed name's length, and names shared across sections.</summary>
    internal static void Check(MappingReader root, StackConfig stack)
    {
        var roles = Of(stack);

        var first = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, path) in roles)
        {
            var physical = Physical(stack.RoleNamePrefix, name);
            if (physical.Length > MaxLength)
            {
                var room = MaxLength - physical.Length + name.Length;
                root.Context.Error(YamlPaths.Find(root.Node, path), path,
                    string.Create(CultureInfo.InvariantCulture, $"the IAM role name '{physical}' is {physical.Length} characters, over IAM's {MaxLength} (EdgeIam prefixes every role name with '{stack.RoleNamePrefix}-')"),
                    room > 0
                        ? string.Create(CultureInfo.InvariantCulture, $"shorten the name to at most {room} characters.")
                        : "shorten the stack file's name: the prefix alone leaves no room for a role name.");
            }

            if (first.TryGetValue(name, out var earlier))
            {
                // Each section's parser already reports duplicates within it (oidc and crossAccount check together).
                if (Group(earlier) != Group(path))
                {
                    root.Context.Error(YamlPaths.Find(root.Node, path), path,
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
            : path.Contains(".taskRoles[", StringComparison.Ordinal) || path.Contains(".podRoles[", StringComparison.Ordinal)
                ? "containerRoles"
                : path[..path.IndexOf('[', StringComparison.Ordinal)];
}
