namespace EdgeIam.Config.Stack;

/// <summary>
/// AWS quotas of the target account that EdgeIam checks at load, as the stack file declares them (top-level
/// <c>quotas:</c>); AWS's defaults otherwise. Immutable.
/// </summary>
/// <param name="SecurityGroupRulesPerGroup">Inbound rules, and separately outbound rules, one security group may hold.</param>
public sealed record AccountQuotas(int SecurityGroupRulesPerGroup)
{
    /// <summary>EC2 default: 60 inbound and 60 outbound rules per security group.
    /// https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups</summary>
    public const int DefaultSecurityGroupRulesPerGroup = 60;

    /// <summary>
    /// The rules quota times the security-groups-per-interface quota may not exceed 1,000 (same page), and an interface
    /// has at least one group, so no account can have more than 1,000 rules per group.
    /// </summary>
    public const int MaxSecurityGroupRulesPerGroup = 1000;

    public static AccountQuotas Default { get; } = new(DefaultSecurityGroupRulesPerGroup);

    /// <summary>
    /// The raised values the stack file declares for the quotas of <see cref="AwsQuotas.Declarable"/>, by key
    /// (<c>iamRolesPerAccount</c>), with where each is declared; a quota not declared is at AWS's default.
    /// </summary>
    public IReadOnlyDictionary<string, (int Value, Federation.SourcePosition Declared)> Declared { get; init; } =
        new Dictionary<string, (int, Federation.SourcePosition)>(StringComparer.Ordinal);
}
