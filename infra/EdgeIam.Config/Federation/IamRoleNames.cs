using EdgeIam.Config.Reading;
using EdgeIam.Config.Stack;

namespace EdgeIam.Config.Federation;

/// <summary>
/// Reads the role names of the federation sections with <see cref="RoleNames"/>' pattern, unique across oidc.roles
/// and crossAccount (IAM role names are unique per account); the stack-wide checks are <see cref="RoleNames.Check"/>.
/// </summary>
internal sealed class IamRoleNames
{
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The role's <c>name</c>, or null after recording an error.</summary>
    public string? Read(MappingReader role)
    {
        var name = role.Matching("name", RoleNames.Pattern(), RoleNames.PatternDescription,
            "name the role for what it does, e.g. name: GitHubDeploy.", required: true);
        if (name is not null && !_seen.Add(name))
        {
            // IAM compares role names case-insensitively.
            role.Error("name", $"another role of this stack is already named '{name}' (IAM role names are unique per account, ignoring case)",
                "give every role its own name.");
            return null;
        }

        return name;
    }
}
