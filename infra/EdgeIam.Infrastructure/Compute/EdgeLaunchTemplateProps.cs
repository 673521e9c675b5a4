using EdgeIam.Config.Compute;

namespace EdgeIam.Infrastructure.Compute;

/// <summary>Properties of an <see cref="EdgeLaunchTemplate"/>. Immutable.</summary>
/// <param name="Fleet">AMI, instance type, IMDS hop limit and tags, carrier IP, root volume.</param>
/// <param name="SubnetId">The Wavelength subnet the primary network interface is placed in.</param>
/// <param name="SecurityGroupId">The fleet's security group.</param>
/// <param name="InstanceProfileArn">The fleet role's instance profile.</param>
internal sealed record EdgeLaunchTemplateProps(
    EdgeFleetConfig Fleet,
    string SubnetId,
    string SecurityGroupId,
    string InstanceProfileArn);
