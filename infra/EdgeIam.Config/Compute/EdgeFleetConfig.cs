using EdgeIam.Config.Iam;
using EdgeIam.Config.Network;

namespace EdgeIam.Config.Compute;

/// <summary>
/// One fleet of identical edge instances in a Wavelength Zone (<c>edgeFleets[]</c>): its role, launch template,
/// security group and instances. Immutable.
/// </summary>
public sealed record EdgeFleetConfig
{
    /// <summary>Public SSM parameter of the latest Amazon Linux 2023 AMI (x86_64, which every Wavelength type is).
    /// https://docs.aws.amazon.com/linux/al2023/ug/ec2.html</summary>
    public const string DefaultAmi = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

    public const string DefaultRootDeviceName = "/dev/xvda";

    /// <summary>EC2 accepts an HttpPutResponseHopLimit of 1..64; EdgeIam allows 1, or 2 for containers (AWS's advice).
    /// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html#imds-considerations</summary>
    public const int MaxMetadataHopLimit = 2;

    public const int DefaultRootVolumeSizeGiB = 16;

    /// <summary>Fleet name (lower-case, digits, hyphens); also the IAM role name and <c>edgeiam:role</c> tag.</summary>
    public required string Name { get; init; }

    /// <summary>Where the fleet is declared, e.g. <c>edgeFleets[0]</c>, for construct-time messages.</summary>
    public required string KeyPath { get; init; }

    /// <summary>A Wavelength Zone the stack's <c>network</c> declares.</summary>
    public required string Zone { get; init; }

    public required string InstanceType { get; init; }

    /// <summary>Instances launched from the fleet's launch template.</summary>
    public int Count { get; init; } = 1;

    /// <summary>An AMI ID, or <c>resolve:ssm:&lt;parameter&gt;</c> that EC2 resolves at each launch.</summary>
    public string Ami { get; init; } = DefaultAmi;

    /// <summary>IMDSv2 PUT response hop limit: 1, or 2 so containers on the instance reach the metadata service.</summary>
    public int MetadataHopLimit { get; init; } = 1;

    /// <summary>ECS task roles and EKS Pod Identity roles for the fleet's containers (<c>taskRoles</c>, <c>podRoles</c>). Default: none.</summary>
    public IReadOnlyList<Identity.ContainerRoleConfig> ContainerRoles { get; init; } = [];

    /// <summary>Whether instance tags are readable from instance metadata.</summary>
    public bool InstanceMetadataTags { get; init; }

    /// <summary>Whether the primary network interface gets a carrier IP (reachable from the carrier network).</summary>
    public bool CarrierIp { get; init; }

    public int RootVolumeSizeGiB { get; init; } = DefaultRootVolumeSizeGiB;

    /// <summary>The AMI's root device; the encrypted volume is mapped here so it replaces the AMI's own.</summary>
    public string RootDeviceName { get; init; } = DefaultRootDeviceName;

    /// <summary>Inbound rules; none means no inbound traffic.</summary>
    public IReadOnlyList<SecurityGroupRule> Ingress { get; init; } = [];

    /// <summary>Outbound rules; an empty list means no outbound traffic.</summary>
    public IReadOnlyList<SecurityGroupRule> Egress { get; init; } = [SecurityGroupRule.HttpsAnywhere];

    /// <summary>The fleet role's permissions and managed policies.</summary>
    public RoleAccess Access { get; init; } = RoleAccess.None;
}

/// <summary>One security group rule: an IPv4 block, a protocol and a port range (-1..-1 for all ICMP).</summary>
public sealed record SecurityGroupRule(Ipv4Cidr Cidr, string Protocol, int FromPort, int ToPort, string? Description)
{
    /// <summary>The default egress: HTTPS anywhere, enough for AWS APIs (STS, S3, SSM, ...) over the carrier gateway.</summary>
    public static SecurityGroupRule HttpsAnywhere { get; } =
        new(new Ipv4Cidr(0, 0), "tcp", 443, 443, "HTTPS to AWS APIs");

    public bool Includes(int port) => FromPort <= port && port <= ToPort;
}
