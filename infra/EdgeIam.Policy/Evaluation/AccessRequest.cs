namespace EdgeIam.Policy.Evaluation;

/// <summary>One request to evaluate: who, which action, on which resource, with which condition keys.</summary>
public sealed class AccessRequest
{
    public AccessRequest(RequestPrincipal principal, string action, string? resource, RequestContext? context = null)
    {
        Principal = principal;
        Action = action;
        NormalizedAction = action.ToLowerInvariant();
        Resource = resource;
        Context = (context ?? RequestContext.Empty).WithDefaults(DerivedKeys(principal));
    }

    public RequestPrincipal Principal { get; }

    public string Action { get; }

    /// <summary>Actions are case-insensitive; lower-cased once here so matching does not fold per evaluation.</summary>
    internal string NormalizedAction { get; }

    /// <summary>The resource ARN; null when the policy has no resource element to match (a trust policy).</summary>
    public string? Resource { get; }

    public RequestContext Context { get; }

    /// <summary>A role-assumption request; <paramref name="action"/> defaults by caller kind (see <see cref="RequestPrincipal.DefaultAssumeAction"/>).</summary>
    public static AccessRequest AssumeRole(RequestPrincipal principal, string? action = null, RequestContext? context = null, string? roleArn = null) =>
        new(principal, action ?? principal.DefaultAssumeAction, roleArn, context);

    /// <summary>The STS actions of an IAM Roles Anywhere CreateSession, each of which the role's trust must allow.</summary>
    internal static readonly string[] RolesAnywhereActions = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"];

    /// <summary>
    /// What IAM Roles Anywhere asks of a role's trust policy when a certificate under <paramref name="trustAnchorArn"/>
    /// opens a session: rolesanywhere.amazonaws.com calls sts:AssumeRole with sts:TagSession and sts:SetSourceIdentity
    /// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html#trust-policy), with
    /// <c>aws:SourceArn</c> the anchor, <c>aws:SourceAccount</c> the account and the certificate's attributes as
    /// <c>aws:PrincipalTag/x509...</c> in <paramref name="context"/>. One request per action.
    /// </summary>
    public static IReadOnlyList<AccessRequest> RolesAnywhereSession(string trustAnchorArn, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> context, string? sourceAccount)
    {
        ArgumentNullException.ThrowIfNull(context);
        var keys = new List<KeyValuePair<string, IReadOnlyList<string>>>(context) { new("aws:SourceArn", [trustAnchorArn]) };
        if (sourceAccount is not null && !keys.Any(k => string.Equals(k.Key, "aws:SourceAccount", StringComparison.OrdinalIgnoreCase)))
        {
            keys.Add(new("aws:SourceAccount", [sourceAccount]));
        }

        var service = RequestPrincipal.Service("rolesanywhere.amazonaws.com");
        return [.. RolesAnywhereActions.Select(action => AssumeRole(service, action, RequestContext.From(keys)))];
    }

    /// <summary>Keys AWS fills in from the caller itself (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).</summary>
    private static IEnumerable<KeyValuePair<string, string>> DerivedKeys(RequestPrincipal principal)
    {
        if (principal.Kind == Model.PrincipalKind.Aws && principal.Arn is not null)
        {
            yield return new("aws:PrincipalArn", principal.Arn);
        }

        if (principal.Account is not null && principal.Kind == Model.PrincipalKind.Aws)
        {
            yield return new("aws:PrincipalAccount", principal.Account);
        }

        if (principal.Kind == Model.PrincipalKind.Service)
        {
            yield return new("aws:PrincipalServiceName", principal.Value);
        }
    }
}
