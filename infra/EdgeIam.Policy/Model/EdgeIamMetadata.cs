namespace EdgeIam.Policy.Model;

/// <summary>
/// The contract between the constructs that write a template and the engine that reads it: the CloudFormation
/// Metadata keys and tag keys EdgeIam sets. Everything under <see cref="Namespace"/> belongs to EdgeIam, so the
/// config loader refuses user tags there (a user tag <c>edgeiam:justification/&lt;Sid&gt;</c> would otherwise justify
/// that Sid on every role of the stack).
/// </summary>
public static class EdgeIamMetadata
{
    /// <summary>The prefix of every Metadata and tag key EdgeIam owns; compared ignoring case, as AWS compares tag keys on IAM resources.</summary>
    public const string Namespace = "edgeiam:";

    /// <summary>A role's name in the stack file, as a tag and as resource Metadata; the engine finds roles by it.</summary>
    public const string Role = "edgeiam:role";

    /// <summary>Metadata <c>{"&lt;Sid&gt;": "why"}</c>: the reasons the owner gave for deliberately broad statements.</summary>
    public const string Justifications = "edgeiam:justifications";

    /// <summary>Tag form of one justification: <c>edgeiam:justification/&lt;Sid&gt;</c> = why.</summary>
    public const string JustificationTagPrefix = "edgeiam:justification/";

    /// <summary>Metadata naming the stack-file trust anchor a Roles Anywhere trust anchor was made from.</summary>
    public const string TrustAnchor = "edgeiam:trustAnchor";

    /// <summary>Metadata naming the stack-file profile a Roles Anywhere profile was made from.</summary>
    public const string Profile = "edgeiam:profile";

    /// <summary>Metadata naming the stack-file provider an IAM OIDC provider was made from.</summary>
    public const string OidcProvider = "edgeiam:oidcProvider";

    /// <summary>
    /// Template Metadata: the stack's access assertions (<c>stacks/&lt;name&gt;.assertions.yaml</c>), an array of
    /// <c>{"id", "why"?, "source": {"file", "line", "column"}, "&lt;kind&gt;": {...}}</c> with the kinds below.
    /// </summary>
    public const string Assertions = "edgeiam:assertions";

    /// <summary>
    /// Template Metadata: the permissions boundary document the stack file gives (<c>permissionsBoundaryDocument</c>)
    /// for its customer managed boundary, <c>{"arn", "file", "document"}</c>: the boundary's ARN as the stack file
    /// names it, the document's path as written there, and the document as compact JSON text. The engine evaluates it
    /// only for a role whose <c>PermissionsBoundary</c> is literally that ARN; it is what the stack file says, which
    /// EdgeIam cannot check against the account offline. Internal: the config loader and synth reach it through
    /// <c>EdgeIam.Config</c> (<c>PermissionsBoundaryDocument.MetadataKey</c>).
    /// </summary>
    internal const string PermissionsBoundary = "edgeiam:permissionsBoundary";

    /// <summary>Assertion kinds, the same key in the assertions file and in <see cref="Assertions"/>.</summary>
    public const string CanAssume = "canAssume";

    /// <inheritdoc cref="CanAssume"/>
    public const string CannotAssume = "cannotAssume";

    /// <inheritdoc cref="CanAssume"/>
    public const string OnlyAccounts = "onlyAccounts";

    /// <inheritdoc cref="CanAssume"/>
    public const string OnlyRolesTrust = "onlyRolesTrust";

    /// <inheritdoc cref="CanAssume"/>
    public const string WebIdentityPins = "webIdentityPins";

    /// <inheritdoc cref="CanAssume"/>
    public const string NoRoleAcceptsTrustAnchor = "noRoleAcceptsTrustAnchor";

    /// <inheritdoc cref="CanAssume"/>
    public const string CanDo = "canDo";

    /// <inheritdoc cref="CanAssume"/>
    public const string CannotDo = "cannotDo";

    /// <summary>Whether <paramref name="key"/> lies in EdgeIam's namespace (any case).</summary>
    public static bool IsReserved(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith(Namespace, StringComparison.OrdinalIgnoreCase);
    }
}
