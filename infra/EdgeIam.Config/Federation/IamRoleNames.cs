using System.Text.RegularExpressions;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Federation;

/// <summary>
/// Role names of the federation sections: IAM's pattern (<c>[\w+=,.@-]{1,64}</c>,
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html) and unique across oidc.roles and
/// crossAccount (IAM role names are unique per account).
/// </summary>
internal sealed partial class IamRoleNames
{
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The role's <c>name</c>, or null after recording an error.</summary>
    public string? Read(MappingReader role)
    {
        var name = role.Matching("name", RoleNamePattern(), "an IAM role name (letters, digits and +=,.@_-; at most 64)",
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

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleNamePattern();
}
