using EdgeIam.Policy.Reports;

namespace EdgeIam.Policy.Assertions;

/// <summary>
/// One expectation a stack's owners wrote about its access (<c>stacks/&lt;name&gt;.assertions.yaml</c>), as carried in
/// the template's <c>edgeiam:assertions</c> Metadata: its ID, why it exists, and where it is written.
/// </summary>
internal abstract record AccessAssertion(string Id, string? Why, StackFileLine Source, string JsonPath)
{
    /// <summary>The key that names the kind (<c>canAssume</c>, <c>onlyAccounts</c>, ...).</summary>
    public abstract string Kind { get; }

    /// <summary><c>stacks/prod.assertions.yaml:12:5 'pull-requests-cannot-deploy'</c>, for messages.</summary>
    public string Label =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"assertion '{Id}' ({Source.File}:{Source.Line}:{Source.Column})");
}

/// <summary>
/// <c>canAssume</c> / <c>cannotAssume</c>: one assume-role request that must be allowed (proved) or must not be
/// (proved denied). Either a caller spec with context, or a Roles Anywhere device by trust anchor and CN.
/// </summary>
internal sealed record AssumeAssertion(
    string Id,
    string? Why,
    StackFileLine Source,
    string JsonPath,
    bool MustAllow,
    string Role,
    string? Principal,
    string? Action,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Context,
    DeviceRequest? Device) : AccessAssertion(Id, Why, Source, JsonPath)
{
    public override string Kind => MustAllow ? Model.EdgeIamMetadata.CanAssume : Model.EdgeIamMetadata.CannotAssume;

    /// <summary>Who asks: the assertion without its role.</summary>
    public AssumeCaller Caller => new(Principal, Action, Context, Device);
}

/// <summary>
/// Who asks to assume a role: a caller spec (<c>can-assume --principal</c>) with its action and context, or a Roles
/// Anywhere device. The body of <c>canAssume</c> without <c>role</c>; the <c>assumableBy</c> of <c>canDo</c>/<c>cannotDo</c>.
/// </summary>
internal sealed record AssumeCaller(
    string? Principal,
    string? Action,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Context,
    DeviceRequest? Device)
{
    /// <summary>For messages: <c>oidc:token.actions.githubusercontent.com</c>, <c>a device of trust anchor edge-ca (CN sensor-1)</c>.</summary>
    public string Label => Device is { } d
        ? $"a device of trust anchor {d.TrustAnchor}{(d.CommonName is { } cn ? $" (CN {cn})" : string.Empty)}"
        : Principal!;
}

/// <summary>
/// <c>canDo</c> / <c>cannotDo</c>: a request of a role session (the role on its own, or a Roles Anywhere profile's
/// session) that must be proved allowed, or must be proved impossible. <see cref="Role"/> names one role;
/// <see cref="AssumableBy"/> instead stands for every role whose trust lets that caller in (or cannot be proved to
/// keep it out); <see cref="PermissionSet"/> instead names an Identity Center permission set, whose sessions are
/// those of the role Identity Center provisions for it in each assigned account. <see cref="Action"/> may be a pattern for <c>cannotDo</c> (every matching action is checked), and
/// <see cref="Resource"/> <c>*</c> means "any resource" for <c>cannotDo</c> and the literal request resource <c>*</c>
/// for <c>canDo</c> (as <c>can-do --resource "*"</c>).
/// </summary>
internal sealed record PermissionAssertion(
    string Id,
    string? Why,
    StackFileLine Source,
    string JsonPath,
    bool MustAllow,
    string? Role,
    AssumeCaller? AssumableBy,
    string? Session,
    string Action,
    string Resource,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Context) : AccessAssertion(Id, Why, Source, JsonPath)
{
    public override string Kind => MustAllow ? Model.EdgeIamMetadata.CanDo : Model.EdgeIamMetadata.CannotDo;

    /// <summary>The stack-file name of an Identity Center permission set, instead of a role.</summary>
    public string? PermissionSet { get; init; }
}

/// <summary>A Roles Anywhere CreateSession by a certificate issued under <paramref name="TrustAnchor"/> (a stack-file name).</summary>
internal sealed record DeviceRequest(string TrustAnchor, string? CommonName);

/// <summary><c>onlyAccounts</c>: no role trusts an AWS principal outside the stack's account, these accounts and these organizations.</summary>
internal sealed record OnlyAccountsAssertion(
    string Id,
    string? Why,
    StackFileLine Source,
    string JsonPath,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> Organizations) : AccessAssertion(Id, Why, Source, JsonPath)
{
    public override string Kind => Model.EdgeIamMetadata.OnlyAccounts;
}

/// <summary><c>onlyRolesTrust</c>: only the listed roles trust <paramref name="Principal"/> (a <c>can-assume --principal</c> spec).</summary>
internal sealed record OnlyRolesTrustAssertion(
    string Id,
    string? Why,
    StackFileLine Source,
    string JsonPath,
    string Principal,
    IReadOnlyList<string> Roles) : AccessAssertion(Id, Why, Source, JsonPath)
{
    public override string Kind => Model.EdgeIamMetadata.OnlyRolesTrust;
}

/// <summary><c>webIdentityPins</c>: every web-identity trust statement pins each claim with StringEquals on exact values.</summary>
internal sealed record WebIdentityPinsAssertion(
    string Id,
    string? Why,
    StackFileLine Source,
    string JsonPath,
    IReadOnlyList<string> Claims) : AccessAssertion(Id, Why, Source, JsonPath)
{
    public override string Kind => Model.EdgeIamMetadata.WebIdentityPins;
}

/// <summary><c>noRoleAcceptsTrustAnchor</c>: no role lets a session in through this trust anchor (a stack-file name).</summary>
internal sealed record NoRoleAcceptsTrustAnchorAssertion(
    string Id,
    string? Why,
    StackFileLine Source,
    string JsonPath,
    string TrustAnchor) : AccessAssertion(Id, Why, Source, JsonPath)
{
    public override string Kind => Model.EdgeIamMetadata.NoRoleAcceptsTrustAnchor;
}
