using EdgeIam.Config.Compute;

namespace EdgeIam.Infrastructure.Compute;

/// <summary>Properties of an <see cref="EdgeSecurityGroup"/>. Immutable.</summary>
/// <param name="VpcId">The VPC of the group.</param>
/// <param name="Description">Group description (EC2 allows letters, digits, spaces and ._-:/()#,@[]+=&amp;;{}!$*).</param>
/// <param name="Ingress">Inbound rules. Default behaviour when empty: no inbound traffic.</param>
/// <param name="Egress">Outbound rules. Empty: no outbound traffic (not EC2's allow-all default).</param>
internal sealed record EdgeSecurityGroupProps(
    string VpcId,
    string Description,
    IReadOnlyList<SecurityGroupRule> Ingress,
    IReadOnlyList<SecurityGroupRule> Egress);
