using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Templates;

/// <summary>How a permission policy reaches a role.</summary>
internal enum PermissionPolicyKind
{
    /// <summary>In the role's <c>Policies</c> property.</summary>
    Inline,

    /// <summary>A separate <c>AWS::IAM::Policy</c> / <c>AWS::IAM::RolePolicy</c>; still an inline policy to IAM.</summary>
    InlineResource,

    /// <summary>An <c>AWS::IAM::ManagedPolicy</c> of this template attached to the role.</summary>
    CustomerManaged,
}

/// <summary>A permission policy of a role, with where it came from and its size as IAM counts it.</summary>
internal sealed record PermissionPolicy(
    string Name,
    PermissionPolicyKind Kind,
    string SourceLogicalId,
    PolicyDocument Document,
    int SizeInCharacters,
    Justifications Justifications);
