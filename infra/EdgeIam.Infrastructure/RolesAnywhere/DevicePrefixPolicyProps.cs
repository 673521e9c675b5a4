using EdgeIam.Config.RolesAnywhere;
using EdgeIam.Infrastructure.Iam;

namespace EdgeIam.Infrastructure.RolesAnywhere;

/// <summary>Properties of a <see cref="DevicePrefixPolicy"/>. Immutable.</summary>
/// <param name="Role">The role the policy attaches to.</param>
/// <param name="Prefix">Bucket, prefix and access.</param>
/// <param name="Partition">The stack's partition, for the S3 ARNs.</param>
internal sealed record DevicePrefixPolicyProps(EdgeRoleResource Role, DevicePrefix Prefix, string Partition);
