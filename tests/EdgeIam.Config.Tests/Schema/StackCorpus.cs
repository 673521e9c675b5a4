using System.Globalization;
using EdgeIam.Tests.Shared;

namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// The agreement corpus: the shipped stacks and variants of them, each made by one small edit, plus a few short
/// files. Valid variants are what the loader accepts although an editor might not expect it (unquoted numbers, quoted
/// booleans); invalid ones are named for the one thing wrong.
/// </summary>
internal static class StackCorpus
{
    private const string Minimal = "account: \"111111111111\"\nregion: us-east-1\n";

    private static readonly Lazy<string> DevText = new(() => File.ReadAllText(Path.Combine(RepositoryPaths.Stacks, "dev.yaml")));

    private static readonly Lazy<string> ProdText = new(() => File.ReadAllText(Path.Combine(RepositoryPaths.Stacks, "prod.yaml")));

    private const string DevIngress = "      - cidr: 0.0.0.0/0\n        protocol: tcp\n        ports: \"443\"\n";

    private const string DevRegionCondition = "          StringEquals:\n            aws:RequestedRegion: us-east-1\n";

    private const string DevWriteFrames = "        actions: [s3:PutObject]\n        resources: [\"arn:aws:s3:::edgeiam-dev-frames/video-analytics/*\"]\n";

    private const string ProdSessionPolicy = "      sessionPolicy:\n        - sid: NoIdentityChanges\n          effect: Deny\n          actions: [\"iam:*\", \"sts:AssumeRole\"]\n          resources: [\"*\"]\n        - sid: EverythingElse\n          actions: [\"*\"]\n          resources: [\"*\"]\n          justification: A session policy only narrows the role; this statement keeps the role's own permissions.\n";

    private const string ProdWorkflowCondition = "        StringEquals:\n          job_workflow_ref: \"acme/edge-app/.github/workflows/deploy.yml@refs/heads/main\"\n";

    public static IReadOnlyList<CorpusCase> All { get; } = Build();

    private static string Dev => DevText.Value;

    private static string Prod => ProdText.Value;

    private static IReadOnlyList<CorpusCase> Build()
    {
        var cases = new List<CorpusCase>
        {
            // Accepted by the loader: the schema must accept them too, or editors flag valid files.
            Ok("dev-as-shipped", Dev),
            Ok("prod-as-shipped", Prod),
            Ok("account-unquoted", Edit(Dev, "account: \"111111111111\"", "account: 111111111111")),
            Ok("account-unquoted-leading-zero", "account: 011111111111\nregion: us-east-1\n"),
            Ok("protect-quoted-false", Edit(Dev, "protect: false", "protect: \"false\"")),
            Ok("protect-capitalised-True", Edit(Dev, "protect: false", "protect: True")),
            Ok("protect-quoted-TRUE", Edit(Prod, "protect: true", "protect: \"TRUE\"")),
            Ok("tag-value-number", Edit(Dev, "  Environment: dev\n", "  Environment: 42\n")),
            Ok("tag-value-boolean", Edit(Dev, "  Environment: dev\n", "  Environment: true\n")),
            Ok("tag-value-empty-quoted", Edit(Dev, "  Environment: dev\n", "  Environment: \"\"\n")),
            Ok("tags-47", Edit(Dev, "  Environment: dev\n", string.Concat(Enumerable.Range(1, 46).Select(i => string.Create(CultureInfo.InvariantCulture, $"  Tag{i}: v\n"))))),
            Ok("quotas-raised-ingress-61-rules", Edit(Dev, DevIngress, string.Concat(Enumerable.Range(1, 61).Select(i => string.Create(CultureInfo.InvariantCulture, $"      - cidr: 203.0.113.{i}/32\n        ports: 443\n")))) + "quotas:\n  securityGroupRulesPerGroup: 100\n"),
            Ok("quotas-quoted", Edit(Dev, "protect: false\n", "protect: false\nquotas: { securityGroupRulesPerGroup: \"0120\" }\n")),
            Ok("quotas-without-rules-quota", Edit(Dev, "protect: false\n", "protect: false\nquotas: {}\n")),
            Ok("action-with-hyphen", Edit(Dev, DevWriteFrames, "        actions: [vpc-lattice:AssociateViaAWSService-EventsAndStates]\n        resources: [\"arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0\"]\n")),
            Ok("read-only-service-wildcard-on-star", Edit(Dev, DevWriteFrames, "        actions: [\"pricing:*\"]\n        resources: [\"*\"]\n")),
            Ok("read-action-without-read-verb-on-star", Edit(Dev, DevWriteFrames, "        actions: [logs:FilterLogEvents, iam:GenerateCredentialReport]\n        resources: [\"*\"]\n")),
            Ok("read-put-action-on-star", Edit(Dev, DevWriteFrames, "        actions: [ssm:PutConfigurePackageResult]\n        resources: [\"*\"]\n")),
            Ok("read-wildcard-on-specific-resource", Edit(Dev, DevWriteFrames, "        actions: [\"s3:Get*\", \"s3:List*\"]\n        resources: [\"arn:aws:s3:::edgeiam-dev-frames/video-analytics/*\"]\n")),
            Ok("write-wildcard-on-specific-resource", Edit(Dev, DevWriteFrames, DevWriteFrames.Replace("[s3:PutObject]", "[\"s3:Put*\"]", StringComparison.Ordinal))),
            Ok("delete-wildcard-on-specific-resource", Edit(Dev, DevWriteFrames, "        actions: [\"ec2:Delete*\"]\n        resources: [\"arn:aws:ec2:us-east-1:111111111111:volume/*\"]\n")),
            Ok("service-wildcard-on-specific-resource", Edit(Dev, DevWriteFrames, DevWriteFrames.Replace("[s3:PutObject]", "[\"s3:*\"]", StringComparison.Ordinal))),
            Ok("write-wildcard-by-meaning-on-specific-resource", Edit(Dev, DevWriteFrames, DevWriteFrames.Replace("[s3:PutObject]", "[\"s3:*Object\"]", StringComparison.Ordinal))),
            Ok("write-on-resource-type-wildcard", Edit(Dev, DevWriteFrames, "        actions: [ec2:TerminateInstances]\n        resources: [\"arn:aws:ec2:*:*:instance/*\"]\n")),
            Ok("condition-value-inner-space", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "aws:RequestedRegion: \"us east 1\"\n")),
            Bad("boundary-name-non-ascii-letter", Edit(Prod, "permissionsBoundary: arn:aws:iam::111111111111:policy/EdgeIamBoundary", "permissionsBoundary: arn:aws:iam::111111111111:policy/EdgeIamGrenzé")),
            Ok("tag-key-number", Edit(Dev, "  Environment: dev\n", "  2026: budget\n")),
            Ok("condition-bool-unquoted-true", Edit(Dev, DevRegionCondition, DevRegionCondition + "          Bool:\n            aws:SecureTransport: true\n")),
            Ok("condition-numeric-value", Edit(Dev, DevRegionCondition, DevRegionCondition + "          NumericLessThanEquals:\n            s3:max-keys: 100\n")),
            Ok("condition-value-list", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "aws:RequestedRegion: [us-east-1, us-east-2]\n")),
            Ok("condition-values-one-number-two-texts", Edit(Dev, DevRegionCondition, DevRegionCondition + "          NumericLessThanEquals:\n            s3:max-keys: [100, 0100]\n")),
            Ok("condition-values-one-boolean-two-texts", Edit(Dev, DevRegionCondition, DevRegionCondition + "          Bool:\n            aws:SecureTransport: [true, True]\n")),
            Ok("condition-ifexists-operator", Edit(Dev, DevRegionCondition, "          ForAnyValue:StringEqualsIfExists:\n            aws:RequestedRegion: us-east-1\n")),
            Ok("count-quoted", Edit(Dev, "    count: 2\n", "    count: \"2\"\n")),
            Ok("count-plus-sign", Edit(Dev, "    count: 2\n", "    count: +2\n")),
            Ok("count-leading-zero", Edit(Dev, "    count: 2\n", "    count: 020\n")),
            Ok("ports-integer", Edit(Dev, DevIngress, DevIngress.Replace("\"443\"", "443", StringComparison.Ordinal))),
            Ok("ports-leading-zero", Edit(Dev, DevIngress, DevIngress.Replace("\"443\"", "\"00443\"", StringComparison.Ordinal))),
            Ok("ports-range-to-65535", Edit(Dev, DevIngress, DevIngress.Replace("\"443\"", "\"8000-65535\"", StringComparison.Ordinal))),
            Ok("hop-limit-quoted", Edit(Dev, "    metadataHopLimit: 1\n", "    metadataHopLimit: \"1\"\n")),
            Ok("root-volume-max", Edit(Dev, "    rootVolumeSize: 100\n", "    rootVolumeSize: 16384\n")),
            Ok("ssh-from-private-block", Edit(Dev, DevIngress, DevIngress + "      - cidr: 10.0.0.0/8\n        ports: 22\n")),
            Ok("ssh-udp-from-anywhere", Edit(Dev, DevIngress, DevIngress + "      - cidr: 0.0.0.0/0\n        protocol: udp\n        ports: \"22\"\n")),
            Ok("ports-range-below-ssh", Edit(Dev, DevIngress, DevIngress + "      - cidr: 0.0.0.0/0\n        ports: 1-21\n")),
            Ok("ports-range-between-admin-ports", Edit(Dev, DevIngress, DevIngress + "      - cidr: 0.0.0.0/0\n        ports: 24-3388\n")),
            Ok("max-session-seconds-integer", Edit(Dev, "    maxSessionDuration: 1h\n    managedPolicies: [SecurityAudit]\n", "    maxSessionDuration: 43200\n    managedPolicies: [SecurityAudit]\n")),
            Ok("max-session-12h", Edit(Dev, "    maxSessionDuration: 1h\n    managedPolicies: [SecurityAudit]\n", "    maxSessionDuration: 12h\n    managedPolicies: [SecurityAudit]\n")),
            Ok("session-duration-900-seconds", Edit(Dev, "      sessionDuration: 15m\n", "      sessionDuration: 900s\n")),
            Ok("customer-policy-named-AdministratorAccess", Edit(Dev, "    managedPolicies: [AmazonSSMManagedInstanceCore]\n", "    managedPolicies: [AmazonSSMManagedInstanceCore, \"arn:aws:iam::111111111111:policy/AdministratorAccess\"]\n")),
            Ok("require-mfa-quoted", Edit(Dev, "    requireMfa: true\n", "    requireMfa: \"true\"\n")),
            Ok("trusted-account-unquoted", Edit(Dev, "    trustedAccounts: [\"222222222222\"]\n", "    trustedAccounts: [222222222222]\n")),
            Ok("expiry-days-quoted", Edit(Dev, "      expiryNotificationDays: 45\n", "      expiryNotificationDays: \"45\"\n")),
            Ok("org-wide-subject-with-opt-in", Edit(Prod,
                "      subjects: [\"repo:acme/edge-app:environment:production\"]\n",
                "      subjects: [\"repo:acme/edge-*:environment:production\"]\n      allowOrgWideSubjects: true\n")),
            Ok("gitlab-project-wildcard-with-opt-in", Edit(Dev,
                "      subjects: [\"project_path:edge/edge-app:ref_type:branch:ref:main\"]\n",
                "      subjects: [\"project_path:edge/edge-*:ref_type:branch:ref:main\"]\n      allowOrgWideSubjects: true\n")),
            Ok("wildcard-write-with-justification", Edit(Dev, DevWriteFrames,
                "        actions: [s3:PutObject]\n        resources: [\"*\"]\n        justification: the frame bucket name is chosen at deploy time by the pipeline.\n")),
            Ok("wildcard-read-without-justification", Edit(Dev, DevWriteFrames, "        actions: [s3:GetObject, s3:ListBucket]\n        resources: [\"*\"]\n")),
            Ok("wildcard-deny-without-justification", Edit(Dev, DevWriteFrames, "        effect: Deny\n        actions: [\"s3:*\"]\n        resources: [\"*\"]\n")),
            Ok("devices-question-marks-only", Edit(Dev, "      allowedSubjects: [\"plc-line-?-*\"]\n", "      allowedSubjects: [\"???\"]\n")),

            Ok("role-name-number", Edit(Dev, "  - name: SecurityAudit\n", "  - name: 2024\n")),
            Ok("role-name-boolean", Edit(Dev, "  - name: SecurityAudit\n", "  - name: true\n")),
            Ok("sid-number", Edit(Dev, "      - sid: RebootEdgeInstances\n", "      - sid: 1\n")),
            Ok("external-id-number", Edit(Dev, "    externalId: edge-audit-7f3c2a\n", "    externalId: 12345678\n")),
            Ok("justification-number", Edit(Dev, "        justification: CloudWatch PutMetricData has no resource-level permissions; the namespace condition scopes it.\n", "        justification: 1234567890123\n")),

            // Refused by both.
            Bad("account-11-digits", Edit(Dev, "account: \"111111111111\"", "account: \"11111111111\"")),
            Bad("account-13-digits-unquoted", Edit(Dev, "account: \"111111111111\"", "account: 1111111111111")),
            Bad("account-missing", Edit(Dev, "account: \"111111111111\"\n", "")),
            Bad("region-malformed", Edit(Dev, "region: us-east-1", "region: useast1")),
            Bad("protect-yes", Edit(Dev, "protect: false", "protect: yes")),
            Bad("protect-null", Edit(Dev, "protect: false", "protect: ~")),
            Bad("unknown-top-level-key", Edit(Dev, "protect: false", "protec: false")),
            Bad("tag-reserved-Project", Edit(Dev, "  Environment: dev\n", "  Project: other\n")),
            Bad("tag-reserved-lower-case-stack", Edit(Dev, "  Environment: dev\n", "  stack: other\n")),
            Bad("tag-aws-prefix", Edit(Dev, "  Environment: dev\n", "  AWS:owner: me\n")),
            Bad("tag-key-129-characters", Edit(Dev, "  Environment: dev\n", $"  {new string('k', 129)}: dev\n")),
            Bad("tag-value-257-characters", Edit(Dev, "  Environment: dev\n", $"  Environment: {new string('v', 257)}\n")),
            Bad("tag-value-semicolon", Edit(Dev, "  Environment: dev\n", "  Environment: \"dev;prod\"\n")),
            Bad("tag-value-empty", Edit(Dev, "  Environment: dev\n", "  Environment:\n")),
            Bad("tag-value-tilde", Edit(Dev, "  Environment: dev\n", "  Environment: ~\n")),
            Bad("tag-reserved-edgeiam-role", Edit(Dev, "  Environment: dev\n", "  EdgeIam:Role: mine\n")),
            Bad("tag-reserved-edgeiam-namespace", Edit(Dev, "  Environment: dev\n", "  edgeiam:justification/PublishMetrics: because\n")),
            Bad("tag-value-trailing-space", Edit(Dev, "  Environment: dev\n", "  Environment: \"dev \"\n")),
            Bad("tag-key-leading-space", Edit(Dev, "  Environment: dev\n", "  \" Environment\": dev\n")),
            Bad("tags-48", Edit(Dev, "  Environment: dev\n", string.Concat(Enumerable.Range(1, 47).Select(i => string.Create(CultureInfo.InvariantCulture, $"  Tag{i}: v\n"))))),
            Bad("quotas-0", Edit(Dev, "protect: false\n", "protect: false\nquotas: { securityGroupRulesPerGroup: 0 }\n")),
            Bad("quotas-1001-quoted", Edit(Dev, "protect: false\n", "protect: false\nquotas: { securityGroupRulesPerGroup: \"1001\" }\n")),
            Bad("quotas-unknown-key", Edit(Dev, "protect: false\n", "protect: false\nquotas: { rulesPerGroup: 100 }\n")),
            Bad("quotas-not-a-mapping", Edit(Dev, "protect: false\n", "protect: false\nquotas: 100\n")),
            Bad("ingress-1001-rules-with-quota-1000", Edit(Dev, DevIngress, string.Concat(Enumerable.Range(0, 1001).Select(i => string.Create(CultureInfo.InvariantCulture, $"      - cidr: 10.{i / 250}.{i % 250}.0/24\n        ports: 443\n")))) + "quotas:\n  securityGroupRulesPerGroup: 1000\n"),
            Bad("managed-policy-non-ascii-name", Edit(Dev, "    managedPolicies: [AmazonSSMManagedInstanceCore]\n", "    managedPolicies: [\"arn:aws:iam::111111111111:policy/Pólicy\"]\n")),
            Bad("managed-policy-twice", Edit(Dev, "    managedPolicies: [AmazonSSMManagedInstanceCore]\n", "    managedPolicies: [AmazonSSMManagedInstanceCore, AmazonSSMManagedInstanceCore]\n")),
            Bad("statement-action-twice", Edit(Dev, DevWriteFrames, DevWriteFrames.Replace("[s3:PutObject]", "[s3:PutObject, s3:PutObject]", StringComparison.Ordinal))),
            Bad("statement-resource-twice", Edit(Dev, DevWriteFrames, "        actions: [s3:PutObject]\n        resources: [\"arn:aws:s3:::b/*\", \"arn:aws:s3:::b/*\"]\n")),
            Bad("statement-resource-trailing-space", Edit(Dev, DevWriteFrames, "        actions: [s3:PutObject]\n        resources: [\"arn:aws:s3:::b/* \"]\n")),
            Bad("statement-action-hyphen-in-service-only", Edit(Dev, DevWriteFrames, DevWriteFrames.Replace("[s3:PutObject]", "[s3:Put_Object]", StringComparison.Ordinal))),
            Bad("conditions-empty", Edit(Dev, "        conditions:\n" + DevRegionCondition, "        conditions: {}\n")),
            Bad("condition-value-twice", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "aws:RequestedRegion: [us-east-1, us-east-1]\n")),
            Bad("condition-value-trailing-space", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "aws:RequestedRegion: \"us-east-1 \"\n")),
            Bad("condition-value-zero-width-space", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "aws:RequestedRegion: \"us-east-1\\u200B\"\n")),
            Bad("condition-value-line-break", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "aws:RequestedRegion: \"us-east-1\\nus-east-2\"\n")),
            Bad("condition-key-trailing-space", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "\"aws:RequestedRegion \": us-east-1\n")),
            Bad("justification-leading-space", Edit(Dev, "        justification: CloudWatch PutMetricData has no resource-level permissions; the namespace condition scopes it.\n", "        justification: \"  CloudWatch PutMetricData has no resource-level permissions; the namespace condition scopes it.\"\n")),
            Bad("session-policy-empty", Edit(Prod, ProdSessionPolicy, "      sessionPolicy: []\n")),
            Bad("thumbprint-twice", Edit(Dev, "      thumbprints: [\"9e99a48a9960b14926bb7f3b02e22da2b0ab7280\"]", "      thumbprints: [\"9e99a48a9960b14926bb7f3b02e22da2b0ab7280\", \"9e99a48a9960b14926bb7f3b02e22da2b0ab7280\"]")),
            Bad("attribute-mapping-twice", Edit(Dev, "        x509SAN: [DNS]\n", "        x509SAN: [DNS, DNS]\n")),
            Bad("write-wildcard-on-every-resource", Edit(Dev, DevWriteFrames, "        actions: [\"s3:Put*\"]\n        resources: [\"arn:aws:s3:::*\"]\n")),
            Bad("delete-wildcard-on-account-region", Edit(Dev, DevWriteFrames, "        actions: [\"ec2:Delete*\"]\n        resources: [\"arn:aws:ec2:us-east-1:111111111111:*\"]\n")),
            Bad("create-wildcard-on-star", Edit(Dev, DevWriteFrames, "        actions: [s3:GetObject, \"iam:Create*\"]\n        resources: [\"arn:aws:s3:::edgeiam-dev-frames/video-analytics/*\", \"*\"]\n")),
            Bad("every-action-on-specific-resource", Edit(Dev, DevWriteFrames, DevWriteFrames.Replace("[s3:PutObject]", "[\"*\"]", StringComparison.Ordinal))),
            Bad("write-on-partition-without-justification", Edit(Dev, DevWriteFrames, "        actions: [s3:PutObject]\n        resources: [\"arn:aws:*\"]\n")),
            Bad("write-on-all-s3-without-justification", Edit(Dev, DevWriteFrames, "        actions: [s3:DeleteObject]\n        resources: [\"arn:aws:s3:::*\"]\n")),
            Bad("write-on-account-region-without-justification", Edit(Dev, DevWriteFrames, "        actions: [ec2:RebootInstances]\n        resources: [\"arn:aws:ec2:us-east-1:111111111111:*\"]\n")),
            Bad("tags-not-a-mapping", Edit(Dev, "tags:\n  Owner: platform\n  Environment: dev\n", "tags: [platform]\n")),
            Ok("boundary-document-without-boundary-is-ignored", Edit(Prod, "permissionsBoundary: arn:aws:iam::111111111111:policy/EdgeIamBoundary\n", string.Empty)),
            Bad("boundary-document-for-an-aws-managed-boundary", Edit(Prod, "permissionsBoundary: arn:aws:iam::111111111111:policy/EdgeIamBoundary\n", "permissionsBoundary: arn:aws:iam::aws:policy/PowerUserAccess\npermissionsBoundaryDocument: boundaries/edge.json\n")),
            Bad("boundary-not-an-arn", Edit(Prod, "permissionsBoundary: arn:aws:iam::111111111111:policy/EdgeIamBoundary", "permissionsBoundary: EdgeIamBoundary")),
            Bad("vpc-cidr-slash-8", Edit(Dev, "  vpcCidr: 10.20.0.0/16", "  vpcCidr: 10.0.0.0/8")),
            Bad("vpc-cidr-octet-256", Edit(Dev, "  vpcCidr: 10.20.0.0/16", "  vpcCidr: 256.20.0.0/16")),
            Bad("vpc-cidr-leading-zero", Edit(Dev, "  vpcCidr: 10.20.0.0/16", "  vpcCidr: 010.20.0.0/16")),
            Bad("zone-unknown-key", Edit(Dev, "      subnetCidr: 10.20.10.0/24\n", "      subnetCidr: 10.20.10.0/24\n      az: x\n")),
            Bad("wavelength-zones-empty", Edit(Prod, "  wavelengthZones:\n    - zone: us-east-1-wl1-bos-wlz-1\n      subnetCidr: 10.30.10.0/24\n", "  wavelengthZones: []\n")),
            Bad("fleet-name-upper-case", Edit(Dev, "  - name: video-analytics\n", "  - name: VideoAnalytics\n")),
            Bad("fleet-count-21", Edit(Dev, "    count: 2\n", "    count: 21\n")),
            Bad("fleet-count-quoted-0", Edit(Dev, "    count: 2\n", "    count: \"0\"\n")),
            Bad("fleet-count-fraction", Edit(Dev, "    count: 2\n", "    count: 2.5\n")),
            Bad("hop-limit-3", Edit(Dev, "    metadataHopLimit: 1\n", "    metadataHopLimit: 3\n")),
            Bad("root-volume-7", Edit(Dev, "    rootVolumeSize: 100\n", "    rootVolumeSize: \"7\"\n")),
            Bad("ami-malformed", Edit(Dev, "    ami: resolve:ssm:", "    ami: ami-xyz\n    # resolve:ssm:")),
            Bad("port-70000", Edit(Dev, DevIngress, DevIngress.Replace("\"443\"", "\"70000\"", StringComparison.Ordinal))),
            Bad("port-integer-70000", Edit(Dev, DevIngress, DevIngress.Replace("\"443\"", "70000", StringComparison.Ordinal))),
            Bad("port-range-to-65536", Edit(Dev, DevIngress, DevIngress.Replace("\"443\"", "\"5000-65536\"", StringComparison.Ordinal))),
            Bad("port-0", Edit(Dev, DevIngress, DevIngress.Replace("\"443\"", "0", StringComparison.Ordinal))),
            Bad("ssh-from-anywhere", Edit(Dev, DevIngress, DevIngress + "      - cidr: 0.0.0.0/0\n        ports: \"22\"\n")),
            Bad("ssh-integer-from-anywhere-tcp", Edit(Dev, DevIngress, DevIngress + "      - cidr: 0.0.0.0/0\n        protocol: tcp\n        ports: 22\n")),
            Bad("ssh-in-range-from-anywhere", Edit(Dev, DevIngress, DevIngress + "      - cidr: 0.0.0.0/0\n        ports: 20-25\n")),
            Bad("telnet-from-slash-7", Edit(Dev, DevIngress, DevIngress + "      - cidr: 0.0.0.0/7\n        ports: \"023\"\n")),
            Bad("rdp-from-slash-1", Edit(Dev, DevIngress, DevIngress + "      - cidr: 128.0.0.0/1\n        ports: 3389\n")),
            Bad("winrm-in-range-from-anywhere", Edit(Dev, DevIngress, DevIngress + "      - cidr: 0.0.0.0/0\n        ports: 5980-5990\n")),
            Bad("all-ports-from-anywhere", Edit(Dev, DevIngress, DevIngress + "      - cidr: 0.0.0.0/0\n        ports: 1-65535\n")),
            Bad("icmp-with-ports", Edit(Dev, "        protocol: icmp\n", "        protocol: icmp\n        ports: \"8\"\n")),
            Bad("tcp-without-ports", Edit(Dev, DevIngress, "      - cidr: 0.0.0.0/0\n        protocol: tcp\n")),
            Bad("protocol-all", Edit(Dev, DevIngress, DevIngress.Replace("protocol: tcp", "protocol: \"-1\"", StringComparison.Ordinal))),
            Bad("rule-description-bad-character", Edit(Dev, "        description: ping from inside the VPC\n", "        description: \"ping <inside>\"\n")),
            Bad("rule-cidr-prefix-33", Edit(Dev, DevIngress, DevIngress.Replace("0.0.0.0/0", "0.0.0.0/33", StringComparison.Ordinal))),
            Bad("managed-AdministratorAccess", Edit(Dev, "    managedPolicies: [AmazonSSMManagedInstanceCore]\n", "    managedPolicies: [AdministratorAccess]\n")),
            Bad("managed-administratoraccess-lower-case", Edit(Dev, "    managedPolicies: [AmazonSSMManagedInstanceCore]\n", "    managedPolicies: [administratoraccess]\n")),
            Bad("managed-PowerUserAccess-arn", Edit(Dev, "    managedPolicies: [AmazonSSMManagedInstanceCore]\n", "    managedPolicies: [\"arn:aws:iam::aws:policy/PowerUserAccess\"]\n")),
            Bad("managed-IAMFullAccess-with-path", Edit(Dev, "    managedPolicies: [AmazonSSMManagedInstanceCore]\n", "    managedPolicies: [job-function/IAMFullAccess]\n")),
            Bad("managed-policy-malformed-arn", Edit(Dev, "    managedPolicies: [AmazonSSMManagedInstanceCore]\n", "    managedPolicies: [\"arn:aws:iam::aws:role/ReadOnlyAccess\"]\n")),
            Bad("managed-11-policies", Edit(Dev, "    managedPolicies: [AmazonSSMManagedInstanceCore]\n",
                "    managedPolicies: [" + string.Join(", ", Enumerable.Range(1, 11).Select(i => string.Create(CultureInfo.InvariantCulture, $"Policy{i}"))) + "]\n")),
            Bad("statement-sid-hyphen", Edit(Dev, "      - sid: WriteFrames\n", "      - sid: Write-Frames\n")),
            Bad("statement-effect-lower-case", Edit(Dev, DevWriteFrames, "        effect: allow\n" + DevWriteFrames)),
            Bad("statement-unknown-key", Edit(Dev, DevWriteFrames, DevWriteFrames + "        principal: \"*\"\n")),
            Bad("statement-actions-not-a-list", Edit(Dev, DevWriteFrames, DevWriteFrames.Replace("[s3:PutObject]", "s3:PutObject", StringComparison.Ordinal))),
            Bad("statement-action-malformed", Edit(Dev, DevWriteFrames, DevWriteFrames.Replace("s3:PutObject", "s3PutObject", StringComparison.Ordinal))),
            Bad("statement-resource-not-an-arn", Edit(Dev, DevWriteFrames, DevWriteFrames.Replace("arn:aws:s3:::", "", StringComparison.Ordinal))),
            Bad("justification-too-short", Edit(Dev, "        justification: CloudWatch PutMetricData has no resource-level permissions; the namespace condition scopes it.\n", "        justification: metrics\n")),
            Bad("service-wildcard-on-star-without-justification", Edit(Dev, DevWriteFrames, "        actions: [\"s3:*\"]\n        resources: [\"*\"]\n")),
            Bad("write-on-star-without-justification", Edit(Dev, DevWriteFrames, "        actions: [s3:GetObject, s3:PutObject]\n        resources: [\"*\"]\n")),
            Bad("condition-operator-unknown", Edit(Dev, DevRegionCondition, DevRegionCondition.Replace("StringEquals", "StringEqual", StringComparison.Ordinal))),
            Bad("condition-operator-not-a-mapping", Edit(Dev, DevRegionCondition, "          StringEquals: us-east-1\n")),
            Bad("condition-value-empty-list", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "aws:RequestedRegion: []\n")),
            Bad("cross-account-both-trusts", Edit(Dev, "    trustedAccounts: [\"222222222222\"]\n", "    trustedAccounts: [\"222222222222\"]\n    trustedPrincipals: [\"arn:aws:iam::333333333333:role/OpsOnCall\"]\n")),
            Bad("cross-account-no-trust", Edit(Dev, "    trustedAccounts: [\"222222222222\"]\n", "")),
            Bad("cross-account-no-external-id", Edit(Dev, "    externalId: edge-audit-7f3c2a\n", "")),
            Bad("external-id-with-space", Edit(Dev, "    externalId: edge-audit-7f3c2a\n", "    externalId: edge audit\n")),
            Bad("external-id-1-character", Edit(Dev, "    externalId: edge-audit-7f3c2a\n", "    externalId: e\n")),
            Bad("trusted-principal-root", Edit(Dev, "arn:aws:iam::333333333333:role/OpsOnCall", "arn:aws:iam::333333333333:root")),
            Bad("trusted-principal-wildcard", Edit(Dev, "arn:aws:iam::333333333333:role/OpsOnCall", "arn:aws:iam::333333333333:role/*")),
            Bad("trusted-accounts-duplicate", Edit(Dev, "    trustedAccounts: [\"222222222222\"]\n", "    trustedAccounts: [\"222222222222\", \"222222222222\"]\n")),
            Bad("require-org-id-malformed", Edit(Dev, "    requireOrgId: o-a1b2c3d4e5\n", "    requireOrgId: a1b2c3d4e5\n")),
            Bad("subject-bare-star", Edit(Dev, "      subjects: [\"repo:acme/edge-app:ref:refs/heads/main\"]\n", "      subjects: [\"*\"]\n")),
            Bad("subject-repository-wildcard-without-opt-in", Edit(Prod,
                "      subjects: [\"repo:acme/edge-app:environment:production\"]\n", "      subjects: [\"repo:acme/*:environment:production\"]\n")),
            Bad("subject-owner-wildcard", Edit(Dev, "        - \"repo:acme/*:pull_request\"\n", "        - \"repo:acme*/edge-app:pull_request\"\n")),
            Bad("subject-gitlab-group-wildcard", Edit(Dev,
                "      subjects: [\"project_path:edge/edge-app:ref_type:branch:ref:main\"]\n",
                "      subjects: [\"project_path:ed*/edge-app:ref_type:branch:ref:main\"]\n      allowOrgWideSubjects: true\n")),
            Bad("subject-gitlab-project-wildcard-without-opt-in", Edit(Dev,
                "      subjects: [\"project_path:edge/edge-app:ref_type:branch:ref:main\"]\n", "      subjects: [\"project_path:edge/*:ref_type:branch:ref:main\"]\n")),
            Bad("subject-with-space", Edit(Dev, "      subjects: [\"repo:acme/edge-app:ref:refs/heads/main\"]\n", "      subjects: [\"repo:acme/edge-app:ref:refs/heads/my branch\"]\n")),
            Bad("subjects-empty", Edit(Dev, "      subjects: [\"repo:acme/edge-app:ref:refs/heads/main\"]\n", "      subjects: []\n")),
            Bad("oidc-condition-on-sub", Edit(Prod, ProdWorkflowCondition, ProdWorkflowCondition + "          sub: \"repo:acme/*\"\n")),
            Bad("oidc-condition-on-prefixed-aud", Edit(Prod, ProdWorkflowCondition, ProdWorkflowCondition + "          token.actions.githubusercontent.com:aud: sts.amazonaws.com\n")),
            Bad("oidc-conditions-empty", Edit(Prod, "      conditions:\n" + ProdWorkflowCondition, "      conditions: {}\n")),
            Bad("oidc-condition-value-twice", Edit(Prod, ProdWorkflowCondition, "        StringEquals:\n          job_workflow_ref: [\"acme/edge-app/.github/workflows/deploy.yml@refs/heads/main\", \"acme/edge-app/.github/workflows/deploy.yml@refs/heads/main\"]\n")),
            Bad("oidc-condition-negated-operator", Edit(Prod, ProdWorkflowCondition, ProdWorkflowCondition.Replace("StringEquals", "StringNotEquals", StringComparison.Ordinal))),
            Bad("issuer-http", Edit(Dev, "      issuer: https://gitlab.acme.example\n", "      issuer: http://gitlab.acme.example\n")),
            Bad("issuer-trailing-slash", Edit(Dev, "      issuer: https://gitlab.acme.example\n", "      issuer: https://gitlab.acme.example/\n")),
            Bad("thumbprint-short", Edit(Dev, "9e99a48a9960b14926bb7f3b02e22da2b0ab7280", "9e99a48a")),
            Bad("preset-unknown", Edit(Prod, "      preset: github", "      preset: githib")),
            Bad("trust-anchor-certificate-and-pca", Edit(Dev, "      certificate: pki/dev/issuing-ca.crt\n", "      certificate: pki/dev/issuing-ca.crt\n      acmPcaArn: arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/4f2d9c1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f\n")),
            Bad("expiry-days-361", Edit(Dev, "      expiryNotificationDays: 45\n", "      expiryNotificationDays: 361\n")),
            Bad("session-duration-10m", Edit(Dev, "      sessionDuration: 15m\n", "      sessionDuration: 10m\n")),
            Bad("max-session-13h", Edit(Dev, "    maxSessionDuration: 1h\n    managedPolicies: [SecurityAudit]\n", "    maxSessionDuration: 13h\n    managedPolicies: [SecurityAudit]\n")),
            Bad("max-session-integer-3599", Edit(Dev, "    maxSessionDuration: 1h\n    managedPolicies: [SecurityAudit]\n", "    maxSessionDuration: 3599\n    managedPolicies: [SecurityAudit]\n")),
            Bad("max-session-days", Edit(Dev, "    maxSessionDuration: 1h\n    managedPolicies: [SecurityAudit]\n", "    maxSessionDuration: 1d\n    managedPolicies: [SecurityAudit]\n")),
            Bad("device-prefix-access-unknown", Edit(Dev, "        access: read-write\n", "        access: full\n")),
            Bad("device-subjects-star", Edit(Dev, "      allowedSubjects: [\"plc-line-?-*\"]\n", "      allowedSubjects: [\"*\"]\n")),
            Bad("attribute-mapping-empty", Edit(Dev, "        x509SAN: [DNS]\n", "        x509SAN: []\n")),
            Bad("yaml-two-documents", Minimal + "---\n" + Minimal),
            Bad("yaml-top-level-list", "- account: \"111111111111\"\n"),

            // The loader refuses; the schema cannot say why (SchemaLimits.LoaderOnlyRules).
            LoaderOnly("own-account-in-trusted-accounts", Edit(Dev, "    trustedAccounts: [\"222222222222\"]\n", "    trustedAccounts: [\"111111111111\"]\n"), "cross-field"),
            LoaderOnly("own-account-in-trusted-principals", Edit(Dev, "arn:aws:iam::333333333333:role/OpsOnCall", "arn:aws:iam::111111111111:role/OpsOnCall"), "cross-field"),
            LoaderOnly("subnet-outside-vpc", Edit(Dev, "      subnetCidr: 10.20.10.0/24\n", "      subnetCidr: 10.21.10.0/24\n"), "cross-field"),
            LoaderOnly("role-provider-unknown", Edit(Prod, "    - name: GitHubDeployProd\n      provider: github\n", "    - name: GitHubDeployProd\n      provider: gitlab\n"), "cross-field"),
            LoaderOnly("oidc-claim-with-and-without-provider-prefix", Edit(Prod, ProdWorkflowCondition, ProdWorkflowCondition + "          token.actions.githubusercontent.com:job_workflow_ref: \"acme/edge-app/.github/workflows/deploy.yml@refs/heads/main\"\n"), "provider-dependent"),
            LoaderOnly("github-claim-sts-does-not-evaluate", Edit(Prod, "          job_workflow_ref: \"acme/edge-app/", "          run_id: \"acme/edge-app/"), "provider-dependent"),
            LoaderOnly("account-unquoted-5-digits", Edit(Dev, "account: \"111111111111\"", "account: 11111"), "lost-in-yaml"),
            LoaderOnly("count-hexadecimal", Edit(Dev, "    count: 2\n", "    count: 0x2\n"), "lost-in-yaml"),
            LoaderOnly("justification-short-number", Edit(Dev, "        justification: CloudWatch PutMetricData has no resource-level permissions; the namespace condition scopes it.\n", "        justification: 123\n"), "lost-in-yaml"),
            LoaderOnly("sid-number-with-sign", Edit(Dev, "      - sid: RebootEdgeInstances\n", "      - sid: +1\n"), "lost-in-yaml"),
            LoaderOnly("region-unknown", Edit(Dev, "region: us-east-1", "region: us-nowhere-1"), "value-semantics"),
            LoaderOnly("vpc-cidr-host-bits", Edit(Dev, "  vpcCidr: 10.20.0.0/16", "  vpcCidr: 10.20.0.1/16"), "value-semantics"),
            LoaderOnly("port-range-reversed", Edit(Dev, DevIngress, DevIngress.Replace("\"443\"", "\"8100-8000\"", StringComparison.Ordinal)), "value-semantics"),
            LoaderOnly("trusted-accounts-duplicate-quoted-and-unquoted", Edit(Dev, "    trustedAccounts: [\"222222222222\"]\n", "    trustedAccounts: [\"222222222222\", 222222222222]\n"), "value-semantics"),
            LoaderOnly("ingress-11-rules-over-declared-quota-10", Edit(Dev, DevIngress, string.Concat(Enumerable.Range(1, 11).Select(i => string.Create(CultureInfo.InvariantCulture, $"      - cidr: 203.0.113.{i}/32\n        ports: 443\n")))) + "quotas:\n  securityGroupRulesPerGroup: 10\n", "declared-quota"),
            LoaderOnly("statement-actions-differ-in-case", Edit(Dev, DevWriteFrames, DevWriteFrames.Replace("[s3:PutObject]", "[s3:PutObject, s3:putobject]", StringComparison.Ordinal)), "case-insensitive-duplicates"),
            LoaderOnly("tag-keys-differ-in-case", Edit(Dev, "  Environment: dev\n", "  Environment: dev\n  environment: test\n"), "case-insensitive-duplicates"),
            LoaderOnly("condition-keys-differ-in-case", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "aws:RequestedRegion: us-east-1\n            AWS:requestedregion: us-east-2\n"), "case-insensitive-duplicates"),
            LoaderOnly("provider-name-trailing-space", Edit(Prod, "    - name: GitHubDeployProd\n      provider: github\n", "    - name: GitHubDeployProd\n      provider: \"github \"\n"), "text-edges"),
            LoaderOnly("action-misspelt", Edit(Dev, DevWriteFrames, DevWriteFrames.Replace("[s3:PutObject]", "[s3:PutObjcet]", StringComparison.Ordinal)), "service-authorization"),
            LoaderOnly("action-wildcard-matching-nothing", Edit(Dev, DevWriteFrames, DevWriteFrames.Replace("[s3:PutObject]", "[\"s3:Gte*\"]", StringComparison.Ordinal)), "service-authorization"),
            LoaderOnly("write-by-access-level-on-star", Edit(Dev, DevWriteFrames, "        actions: [sts:GetFederationToken]\n        resources: [\"*\"]\n"), "wildcard-by-meaning"),
            LoaderOnly("write-wildcard-by-meaning", Edit(Dev, DevWriteFrames, "        actions: [\"s3:*Object\"]\n        resources: [\"*\"]\n"), "wildcard-by-meaning"),
            LoaderOnly("write-on-every-object-of-every-bucket", Edit(Dev, DevWriteFrames, "        actions: [s3:PutObject]\n        resources: [\"arn:aws:s3:::*/*\"]\n"), "wildcard-by-meaning"),
            LoaderOnly("yaml-tag", Edit(Dev, "  Environment: dev\n", "  Environment: !Sub dev\n"), "yaml-shape"),

            // Refusals added to the loader by issue 10 (fail closed); the schema refused them already.
            Bad("statement-actions-empty", Edit(Dev, DevWriteFrames, DevWriteFrames.Replace("[s3:PutObject]", "[]", StringComparison.Ordinal))),
            Bad("statement-resources-empty", Edit(Dev, DevWriteFrames, "        actions: [s3:PutObject]\n        resources: []\n")),
            Bad("session-policy-deny-actions-empty", Edit(Prod, "          effect: Deny\n          actions: [\"iam:*\", \"sts:AssumeRole\"]\n", "          effect: Deny\n          actions: []\n")),
            Bad("condition-operator-empty", Edit(Dev, DevRegionCondition, "          StringEquals: {}\n")),
            Bad("condition-value-nested-list", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "aws:RequestedRegion: [us-east-1, [eu-west-1]]\n")),
            Bad("condition-key-empty", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "\"\": us-east-1\n")),
            Bad("condition-key-null", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "~: us-east-1\n")),
            Bad("condition-value-null", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "aws:RequestedRegion: ~\n")),
            Bad("condition-value-empty-string", Edit(Dev, "aws:RequestedRegion: us-east-1\n", "aws:RequestedRegion: \"\"\n")),
            Bad("condition-complex-key", Edit(Dev, DevRegionCondition, "          ? [StringEquals]\n          : aws:RequestedRegion: us-east-1\n")),
            Bad("tags-51", Edit(Dev, "  Environment: dev\n", string.Concat(Enumerable.Range(1, 50).Select(i => string.Create(CultureInfo.InvariantCulture, $"  Tag{i}: v\n"))))),
            Bad("ingress-61-rules", Edit(Dev, DevIngress, string.Concat(Enumerable.Range(1, 61).Select(i => string.Create(CultureInfo.InvariantCulture, $"      - cidr: 203.0.113.{i}/32\n        ports: 443\n"))))),
            Bad("egress-61-rules", Edit(Dev, "    egress:\n", "    egress:\n" + string.Concat(Enumerable.Range(1, 59).Select(i => string.Create(CultureInfo.InvariantCulture, $"      - cidr: 203.0.113.{i}/32\n        ports: 443\n"))))),
            Bad("write-on-arn-star-without-justification", Edit(Dev, DevWriteFrames, "        actions: [s3:PutObject]\n        resources: [\"arn:*\"]\n")),
            Bad("write-on-all-ec2-arns-without-justification", Edit(Dev, DevWriteFrames, "        actions: [ec2:TerminateInstances]\n        resources: [\"arn:aws:ec2:*:*:*\"]\n")),
            LoaderOnly("inline-policy-over-10240-characters", Edit(Dev, DevWriteFrames,
                "        actions: [s3:PutObject]\n        resources: [" + string.Join(", ", Enumerable.Range(1, 200).Select(i => string.Create(CultureInfo.InvariantCulture, $"\"arn:aws:s3:::edgeiam-dev-frames/video-analytics/camera-{i:D4}/*\""))) + "]\n"),
                "size-of-output"),
        };

        return cases;
    }

    private static CorpusCase Ok(string name, string yaml) => new(name, yaml, Valid: true);

    private static CorpusCase Bad(string name, string yaml) => new(name, yaml, Valid: false);

    private static CorpusCase LoaderOnly(string name, string yaml, string rule) => new(name, yaml, Valid: false, LoaderOnly: rule);

    /// <summary><paramref name="text"/> with the single occurrence of <paramref name="find"/> replaced; a missing or repeated anchor fails the corpus.</summary>
    private static string Edit(string text, string find, string replacement)
    {
        var first = text.IndexOf(find, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(find, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"corpus edit anchor must occur exactly once in the base file: {find}");
        }

        return string.Concat(text.AsSpan(0, first), replacement, text.AsSpan(first + find.Length));
    }
}
