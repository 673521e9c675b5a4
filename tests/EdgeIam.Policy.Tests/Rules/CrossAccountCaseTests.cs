using EdgeIam.Policy.Rules;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>
/// Cross-account trust case lists (EIAM-XACCT-001/002/003): which principals count as another account, which
/// ExternalId conditions really pin the caller, which external IDs STS can send, and which actions another account
/// may be trusted with. The stack deploys to account 111111111111.
/// </summary>
public sealed class CrossAccountCaseTests
{
    private const string StatementPath = "$.Resources.R.Properties.AssumeRolePolicyDocument.Statement[0]";
    private const string UnknownEnvironment = "aws://unknown-account/unknown-region";

    private static string Trust(string principal, string? condition = null, string action = "\"sts:AssumeRole\"", string effect = "Allow") =>
        $$"""{"Effect":"{{effect}}","Action":{{action}},"Principal":{{principal}}{{(condition is null ? "" : ",\"Condition\":" + condition)}}}""";

    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::222222222222:root"}""", "222222222222")]
    [InlineData("""{"AWS":"222222222222"}""", "222222222222")]
    [InlineData("""{"AWS":"arn:aws:iam::222222222222:role/Vendor"}""", "222222222222")]
    [InlineData("""{"AWS":"arn:aws:sts::222222222222:assumed-role/Vendor/session"}""", "222222222222")]
    [InlineData("""{"AWS":["arn:aws:iam::111111111111:root","arn:aws:iam::333333333333:root"]}""", "333333333333")]
    [InlineData("""{"AWS":["arn:aws:iam::222222222222:root","arn:aws:iam::222222222222:role/Vendor","arn:aws:iam::333333333333:root"]}""", "222222222222, 333333333333")]
    [InlineData("""{"AWS":"arn:aws:iam:::root"}""", "(none: \"arn:aws:iam:::root\")")]
    public void Other_account_without_an_external_id_is_flagged(string principal, string accounts)
    {
        var finding = Assert.Single(new CrossAccountExternalIdRule().Check(RoleTemplates.Trust(Trust(principal))));

        Assert.Equal(StatementPath, finding.JsonPath);
        Assert.Equal($"Statement[0] trusts account {accounts} without a StringEquals condition on \"sts:ExternalId\".", finding.Message);
    }

    [Theory]
    // The stack's own account, however it is written.
    [InlineData("""{"AWS":"arn:aws:iam::111111111111:root"}""")]
    [InlineData("""{"AWS":"111111111111"}""")]
    [InlineData("""{"AWS":"arn:aws:iam::111111111111:role/Deployer"}""")]
    [InlineData("""{"AWS":{"Fn::Join":["",["arn:aws:iam::",{"Ref":"AWS::AccountId"},":root"]]}}""")]
    [InlineData("""{"AWS":{"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}}""")]
    // Not an AWS principal of another account at all.
    [InlineData("""{"Service":"ec2.amazonaws.com"}""")]
    [InlineData("""{"Federated":"arn:aws:iam::222222222222:saml-provider/Corp"}""")]
    [InlineData("\"*\"")]
    [InlineData("""{"AWS":"*"}""")]
    public void Own_account_service_and_anyone_are_not_cross_account(string principal) =>
        Assert.Empty(new CrossAccountExternalIdRule().Check(RoleTemplates.Trust(Trust(principal))));

    [Fact]
    public void A_deny_or_a_statement_without_Principal_trusts_no_other_account()
    {
        var stack = RoleTemplates.Trust(
            Trust("""{"AWS":"arn:aws:iam::222222222222:root"}""", effect: "Deny") + ","
            + """{"Effect":"Allow","Action":"sts:AssumeRole","NotPrincipal":{"AWS":"arn:aws:iam::222222222222:root"}}""" + ","
            + """{"Effect":"Allow","Action":"sts:AssumeRole"}""");

        Assert.Empty(new CrossAccountExternalIdRule().Check(stack));
        Assert.Empty(new CrossAccountActionsRule().Check(stack));
    }

    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::111111111111:root"}""", "111111111111")]
    [InlineData("""{"AWS":"arn:aws:iam::111111111111:role/Deployer"}""", "111111111111")]
    public void When_the_stack_account_is_unknown_every_literal_account_is_another(string principal, string accounts)
    {
        var finding = Assert.Single(new CrossAccountExternalIdRule().Check(RoleTemplates.Trust(Trust(principal), environment: UnknownEnvironment)));

        Assert.Contains($"trusts account {accounts} without", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"AWS":{"Fn::GetAtt":["Deployer","Arn"]}}""")]
    [InlineData("""{"AWS":{"Ref":"Deployer"}}""")]
    public void Own_account_symbols_stay_the_stack_account_when_it_is_unknown(string principal) =>
        Assert.Empty(new CrossAccountExternalIdRule().Check(RoleTemplates.Trust(
            Trust(principal), environment: UnknownEnvironment,
            otherResources: """ "Deployer":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"}}]}}}""")));

    [Theory]
    [InlineData("""{"Fn::Join":["",["arn:aws:iam::",{"Ref":"VendorAccount"},":root"]]}""", "${VendorAccount}")]
    [InlineData("""{"Ref":"VendorAccount"}""", "${VendorAccount}")]
    [InlineData("""{"Fn::ImportValue":"vendor-account-root"}""", null)]
    public void An_account_the_template_does_not_fix_counts_as_another(string principal, string? account)
    {
        var stack = RoleTemplates.Read("""
            {"Parameters":{"VendorAccount":{"Type":"String","Default":"111111111111"}},
             "Resources":{"R":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[
               {"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":@}}]}}}}}
            """.Replace("@", principal, StringComparison.Ordinal));

        var finding = Assert.Single(new CrossAccountExternalIdRule().Check(stack));
        Assert.Contains("(a value the template does not fix) without", finding.Message, StringComparison.Ordinal);
        if (account is not null)
        {
            // The finding names the account part the deployer chooses, not the whole ARN.
            Assert.StartsWith($"Statement[0] trusts account {account} (a value the template does not fix) without", finding.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{"StringEquals":{"sts:ExternalId":"vendor-7Q2"}}""")]
    [InlineData("""{"StringEquals":{"sts:externalid":"vendor-7Q2"}}""")]
    [InlineData("""{"StringEquals":{"sts:ExternalId":["vendor-a","vendor-b"]}}""")]
    [InlineData("""{"StringEquals":{"sts:ExternalId":"vendor-7Q2"},"StringLike":{"sts:ExternalId":"vendor-*"}}""")]
    [InlineData("""{"StringEquals":{"sts:ExternalId":{"Ref":"ExternalId"}}}""")]
    public void External_id_pinned_by_StringEquals_on_exact_values_passes(string condition) =>
        Assert.Empty(new CrossAccountExternalIdRule().Check(RoleTemplates.Trust(Trust("""{"AWS":"arn:aws:iam::222222222222:root"}""", condition))));

    [Theory]
    [InlineData("""{"StringEquals":{"sts:ExternalId":"*"}}""")]
    [InlineData("""{"StringEquals":{"sts:ExternalId":"vendor-*"}}""")]
    [InlineData("""{"StringEquals":{"sts:ExternalId":"vendor-?"}}""")]
    [InlineData("""{"StringEquals":{"sts:ExternalId":["vendor-a","*"]}}""")]
    [InlineData("""{"StringLike":{"sts:ExternalId":"vendor-a"}}""")]
    [InlineData("""{"StringEqualsIfExists":{"sts:ExternalId":"vendor-a"}}""")]
    [InlineData("""{"ForAnyValue:StringEquals":{"sts:ExternalId":"vendor-a"}}""")]
    [InlineData("""{"StringNotEquals":{"sts:ExternalId":"vendor-a"}}""")]
    [InlineData("""{"StringEquals":{"aws:PrincipalTag/team":"vendor-a"}}""")]
    public void External_id_not_pinned_to_exact_values_is_flagged(string condition)
    {
        var finding = Assert.Single(new CrossAccountExternalIdRule().Check(RoleTemplates.Trust(Trust("""{"AWS":"arn:aws:iam::222222222222:root"}""", condition))));

        Assert.Equal(StatementPath, finding.JsonPath);
    }

    [Fact]
    public void Each_cross_account_statement_needs_its_own_external_id()
    {
        var stack = RoleTemplates.Trust(
            Trust("""{"AWS":"arn:aws:iam::222222222222:root"}""", """{"StringEquals":{"sts:ExternalId":"vendor-a"}}""") + ","
            + Trust("""{"AWS":"arn:aws:iam::333333333333:root"}"""));

        var finding = Assert.Single(new CrossAccountExternalIdRule().Check(stack));
        Assert.Equal("$.Resources.R.Properties.AssumeRolePolicyDocument.Statement[1]", finding.JsonPath);
        Assert.StartsWith("Statement[1] trusts account 333333333333 ", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Vendor_7+=,.@:/-x")]
    [InlineData("vendor-*")]
    public void Sendable_external_id_passes_the_format_rule(string externalId) =>
        Assert.Empty(new ExternalIdFormatRule().Check(RoleTemplates.Trust(
            Trust("""{"AWS":"arn:aws:iam::222222222222:root"}""", """{"StringEquals":{"sts:ExternalId":"@"}}""".Replace("@", externalId, StringComparison.Ordinal)))));

    [Fact]
    public void External_ids_of_2_and_1224_characters_are_the_limits()
    {
        string[] ok = ["ab", new string('a', 1224)];
        string[] bad = ["a", new string('a', 1225)];
        foreach (var id in ok)
        {
            Assert.Empty(new ExternalIdFormatRule().Check(RoleTemplates.Trust(
                Trust("""{"AWS":"arn:aws:iam::222222222222:root"}""", """{"StringEquals":{"sts:ExternalId":"@"}}""".Replace("@", id, StringComparison.Ordinal)))));
        }

        foreach (var id in bad)
        {
            var finding = Assert.Single(new ExternalIdFormatRule().Check(RoleTemplates.Trust(
                Trust("""{"AWS":"arn:aws:iam::222222222222:root"}""", """{"StringEquals":{"sts:ExternalId":"@"}}""".Replace("@", id, StringComparison.Ordinal)))));
            Assert.Contains($"({id.Length} characters) is not a valid STS external ID", finding.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{"StringEquals":{"sts:ExternalId":"a"}}""", "a")]
    [InlineData("""{"StringEquals":{"sts:ExternalId":"vendor id"}}""", "vendor id")]
    [InlineData("""{"StringEquals":{"sts:ExternalId":"vendor!"}}""", "vendor!")]
    [InlineData("""{"StringEquals":{"sts:ExternalId":""}}""", "")]
    [InlineData("""{"StringEquals":{"sts:ExternalId":["vendor-a","x"]}}""", "x")]
    public void Unsendable_external_id_is_flagged_at_its_condition(string condition, string value)
    {
        var finding = Assert.Single(new ExternalIdFormatRule().Check(RoleTemplates.Trust(Trust("""{"AWS":"arn:aws:iam::222222222222:root"}""", condition))));

        Assert.StartsWith("$.Resources.R.Properties.AssumeRolePolicyDocument.Statement[0].Condition.", finding.JsonPath, StringComparison.Ordinal);
        Assert.EndsWith("['sts:ExternalId']", finding.JsonPath, StringComparison.Ordinal);
        Assert.Equal($"Statement[0]: external ID \"{value}\" ({value.Length} characters) is not a valid STS external ID.", finding.Message);
    }

    [Fact]
    public void External_id_from_a_parameter_is_not_judged_by_the_format_rule() =>
        Assert.Empty(new ExternalIdFormatRule().Check(RoleTemplates.Read("""
            {"Parameters":{"ExternalId":{"Type":"String"}},
             "Resources":{"R":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[
               {"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                "Condition":{"StringEquals":{"sts:ExternalId":{"Ref":"ExternalId"}}}}]}}}}}
            """)));

    [Theory]
    [InlineData("\"sts:AssumeRole\"")]
    [InlineData("""["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]""")]
    [InlineData("""["STS:ASSUMEROLE","sts:tagsession"]""")]
    public void Other_account_limited_to_role_assumption_passes(string action) =>
        Assert.Empty(new CrossAccountActionsRule().Check(RoleTemplates.Trust(
            Trust("""{"AWS":"arn:aws:iam::222222222222:root"}""", """{"StringEquals":{"sts:ExternalId":"vendor-a"}}""", action))));

    [Theory]
    [InlineData("\"sts:*\"", "sts:*")]
    [InlineData("\"*\"", "*")]
    [InlineData("""["sts:AssumeRole","sts:AssumeRoleWithWebIdentity"]""", "sts:AssumeRoleWithWebIdentity")]
    [InlineData("""["sts:AssumeRole","sts:Tag*","sts:GetFederationToken"]""", "sts:Tag*, sts:GetFederationToken")]
    public void Other_account_allowed_more_than_role_assumption_is_flagged(string action, string extra)
    {
        var finding = Assert.Single(new CrossAccountActionsRule().Check(RoleTemplates.Trust(
            Trust("""{"AWS":"arn:aws:iam::222222222222:root"}""", """{"StringEquals":{"sts:ExternalId":"vendor-a"}}""", action))));

        Assert.Equal(StatementPath + ".Action", finding.JsonPath);
        Assert.Equal($"Statement[0] lets another account use {extra} on {finding.Subject}.", finding.Message);
    }

    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::111111111111:root"}""")]
    [InlineData("""{"Service":"ec2.amazonaws.com"}""")]
    public void Own_account_or_service_may_be_trusted_with_more_actions(string principal) =>
        Assert.Empty(new CrossAccountActionsRule().Check(RoleTemplates.Trust(Trust(principal, action: "\"sts:*\""))));

    [Fact]
    public void NotAction_for_another_account_is_left_to_the_NotAction_rule() =>
        Assert.Empty(new CrossAccountActionsRule().Check(RoleTemplates.Trust(
            """{"Effect":"Allow","NotAction":"sts:GetFederationToken","Principal":{"AWS":"arn:aws:iam::222222222222:root"}}""")));
}
