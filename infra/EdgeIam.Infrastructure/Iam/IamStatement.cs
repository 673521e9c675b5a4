namespace EdgeIam.Infrastructure.Iam;

/// <summary>
/// One IAM policy statement as plain .NET values, rendered by <see cref="PolicyJson"/> the way the CDK renders a
/// <c>PolicyStatement</c>. Building statements here instead of as jsii objects saves a round trip to node per
/// statement and per principal. Values may hold CDK string tokens (e.g. a provider's <c>Ref</c>); CDK resolves them
/// wherever they sit in a resource's properties, across nested stacks too.
/// </summary>
/// <param name="Sid">Statement ID; null for none.</param>
/// <param name="Allow">Allow, or Deny.</param>
/// <param name="Actions">Actions, in the order given (rendered deduplicated and sorted).</param>
/// <param name="Resources">Resources (rendered deduplicated and sorted); empty for a trust statement.</param>
/// <param name="Principals">Principals by kind (<c>AWS</c>, <c>Federated</c>, <c>Service</c>); null for an identity policy statement.</param>
/// <param name="Conditions">The condition block (<c>{Operator: {Key: value-or-list}}</c>), rendered as is; null for none.</param>
internal sealed record IamStatement(
    string? Sid,
    bool Allow,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Principals = null,
    IReadOnlyDictionary<string, object>? Conditions = null);
