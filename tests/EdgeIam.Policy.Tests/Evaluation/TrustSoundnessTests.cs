using System.Text;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Evaluation;

/// <summary>The evaluator fails closed: issue 10 item 5 (no Principal, root user, exact principals, unresolved values, Fn::If branches).</summary>
public sealed class TrustSoundnessTests
{
    private const string Account = "111111111111";

    [Theory]
    [InlineData("service:lambda.amazonaws.com")]
    [InlineData("service:ec2.amazonaws.com")]
    [InlineData("arn:aws:iam::111111111111:role/Anyone")]
    [InlineData("222222222222")]
    [InlineData("oidc:token.actions.githubusercontent.com")]
    public void A_trust_statement_without_principal_matches_nobody(string caller)
    {
        var role = Role("""{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"]}""");

        var decision = role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse(caller)), Account);

        Assert.Equal(Decision.ImplicitlyDenied, decision.Decision);
        Assert.False(decision.IsAllowed);
        Assert.Equal(PrincipalMatch.None, Assert.Single(decision.Result.Statements).Principal);
        Assert.Contains(decision.Notes, n => n.Contains("has no Principal", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_statement_in_an_identity_policy_still_applies_to_its_holder()
    {
        var policy = CompiledPolicy.Parse("""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""");

        Assert.Equal(Decision.Allowed, PolicyEvaluator.Decide(policy, new AccessRequest(RequestPrincipal.Parse("arn:aws:iam::111111111111:role/R"), "s3:GetObject", "arn:aws:s3:::b/k")));
    }

    [Fact]
    public void The_root_user_cannot_assume_a_role_that_trusts_its_account()
    {
        var role = Role("""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Condition": {"StringEquals": {"sts:ExternalId": "x-1234"}}}""");
        var context = RequestContext.Of(("sts:ExternalId", "x-1234"));

        var root = role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("arn:aws:iam::222222222222:root"), context: context), Account);
        var user = role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("arn:aws:iam::222222222222:user/ops"), context: context), Account);
        var account = role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("222222222222"), context: context), Account);

        Assert.True(root.RefusedBySts);
        Assert.False(root.IsAllowed);
        Assert.Equal(Decision.ImplicitlyDenied, root.Decision);
        Assert.Contains("root user", Assert.Single(root.Notes), StringComparison.Ordinal);
        Assert.True(user.IsAllowed);
        Assert.True(user.IdentityPolicyRequired);
        Assert.True(account.IsAllowed);
        Assert.False(account.RefusedBySts);
    }

    [Theory]
    [InlineData("ec2.amazonaws.com", "service:EC2.amazonaws.com")]
    [InlineData("EC2.amazonaws.com", "service:ec2.amazonaws.com")]
    [InlineData("ec2.amazonaws.com", "service:ec2.AMAZONAWS.com")]
    public void Service_principals_match_exactly(string trusted, string caller)
    {
        var role = Role($$$"""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "{{{trusted}}}"}}""");

        Assert.Equal(Decision.ImplicitlyDenied, role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse(caller))).Decision);
        Assert.True(role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("service:" + trusted))).IsAllowed);
    }

    [Theory]
    [InlineData("token.actions.githubusercontent.com", "oidc:Token.Actions.githubusercontent.com")]
    [InlineData("Token.Actions.githubusercontent.com", "oidc:token.actions.githubusercontent.com")]
    public void Oidc_providers_match_exactly(string trusted, string caller)
    {
        var role = Role($$$"""{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "arn:aws:iam::111111111111:oidc-provider/{{{trusted}}}"}}""");

        Assert.Equal(Decision.ImplicitlyDenied, role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse(caller)), Account).Decision);
        Assert.True(role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("oidc:" + trusted)), Account).IsAllowed);
    }

    [Theory]
    [InlineData("""{"Fn::Foo": "bar"}""")]
    [InlineData("""{"Ref": "Nothing"}""")]
    [InlineData("""{"Fn::GetAtt": ["Missing", "Arn"]}""")]
    [InlineData("""{"Fn::ImportValue": "shared-caller"}""")]
    [InlineData("""{"Ref": "CallerParameter"}""")]
    public void An_unresolved_principal_is_not_proved_either_way(string principal)
    {
        var role = Role($$$"""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": {{{principal}}}}}""");

        var decision = role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("arn:aws:iam::222222222222:role/Caller")), Account);

        Assert.False(decision.IsProved);
        Assert.False(decision.IsAllowed);
        Assert.Equal("Undetermined", decision.Outcome);
        Assert.StartsWith("cannot be proved", decision.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_unresolved_condition_value_is_not_proved_but_a_failing_resolved_one_still_denies()
    {
        var role = Role("""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}, "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "Nothing"}, "aws:SourceArn": "arn:aws:ec2:us-east-1:111111111111:instance/i-1"}}}""");
        var ec2 = RequestPrincipal.Parse("service:ec2.amazonaws.com");

        var right = role.EvaluateTrust(AccessRequest.AssumeRole(ec2, context: RequestContext.Of(("aws:SourceArn", "arn:aws:ec2:us-east-1:111111111111:instance/i-1"))));
        var wrong = role.EvaluateTrust(AccessRequest.AssumeRole(ec2, context: RequestContext.Of(("aws:SourceArn", "arn:aws:ec2:us-east-1:111111111111:instance/i-2"))));

        Assert.False(right.IsProved);
        Assert.True(wrong.IsProved);
        Assert.Equal(Decision.ImplicitlyDenied, wrong.Decision);
    }

    [Fact]
    public void An_unresolved_deny_makes_an_allow_unproved()
    {
        var role = Role(
            """{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}""",
            """{"Effect": "Deny", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}, "Condition": {"StringEquals": {"aws:SourceVpc": {"Fn::ImportValue": "vpc"}}}}""");

        var decision = role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("service:ec2.amazonaws.com")));

        Assert.False(decision.IsProved);
        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public void Fn_if_on_a_deploy_time_condition_is_evaluated_in_both_branches()
    {
        var role = Role("""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Fn::If": ["Open", {"AWS": "*"}, {"Service": "ec2.amazonaws.com"}]}}""");

        var lambda = role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("service:lambda.amazonaws.com")), Account);
        var ec2 = role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("service:ec2.amazonaws.com")), Account);

        Assert.Equal("Open=true", role.Branch);
        Assert.Equal("Open=false", Assert.Single(role.Variants).Branch);
        Assert.False(lambda.IsProved);
        Assert.Contains(lambda.DependsOn, d => d.Contains("Open=true -> allowed", StringComparison.Ordinal) && d.Contains("Open=false -> not allowed", StringComparison.Ordinal));
        Assert.True(ec2.IsProved);
        Assert.True(ec2.IsAllowed);
    }

    [Fact]
    public void Fn_if_on_a_literal_condition_takes_one_branch()
    {
        var role = Role("""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Fn::If": ["Open", {"AWS": "*"}, {"Service": "ec2.amazonaws.com"}]}}""",
            conditions: """{"Open": {"Fn::Or": [{"Fn::Equals": ["a", "b"]}, {"Fn::Not": [{"Fn::Equals": [1, 1]}]}]}}""");

        Assert.Null(role.Branch);
        Assert.Empty(role.Variants);
        Assert.Equal(Decision.ImplicitlyDenied, role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("service:lambda.amazonaws.com"))).Decision);
    }

    [Fact]
    public void Nested_fn_if_reads_every_reachable_branch()
    {
        var role = Role("""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Fn::If": ["A", {"Service": "ec2.amazonaws.com"}, {"Fn::If": ["B", {"Service": "lambda.amazonaws.com"}, {"AWS": "*"}]}]}}""");

        var branches = role.Variants.Prepend(role).Select(r => r.Branch).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["A=false, B=false", "A=false, B=true", "A=true"], branches);
    }

    [Fact]
    public void A_case_change_of_a_service_principal_is_a_diff()
    {
        using var copy = Fixtures.CopyAssembly();
        var head = copy.Path;
        var path = Path.Combine(head, "EdgeIam-dev.template.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"Service\": \"ec2.amazonaws.com\"", "\"Service\": \"EC2.amazonaws.com\"", StringComparison.Ordinal));

        var diff = Policy.Access.AccessDiffer.Diff(Policy.Access.AccessAnalyzer.Analyze(Fixtures.Assembly), Policy.Access.AccessAnalyzer.Analyze(AssemblyReader.Load(head)));

        Assert.Contains(diff.Changes, c => c.Area == "trust" && c.Kind == Policy.Access.ChangeKind.Added && c.Summary.Contains("EC2.amazonaws.com", StringComparison.Ordinal));
        Assert.Contains(diff.Changes, c => c.Area == "trust" && c.Kind == Policy.Access.ChangeKind.Removed && c.Summary.Contains("ec2.amazonaws.com", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wide_condition_graph_is_evaluated_once_per_condition()
    {
        // C0 is literal; each Ci = And(Ci-1, Ci-1, Ci-1): 3^60 evaluations without memoization.
        var conditions = "{\"C0\": {\"Fn::Equals\": [\"a\", \"a\"]}"
            + string.Concat(Enumerable.Range(1, 60).Select(i => $", \"C{i}\": {{\"Fn::And\": [{{\"Condition\": \"C{i - 1}\"}}, {{\"Condition\": \"C{i - 1}\"}}, {{\"Condition\": \"C{i - 1}\"}}]}}"))
            + ", \"Loop\": {\"Fn::Not\": [{\"Condition\": \"Loop\"}]}}";
        var role = Role("""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Fn::If": ["C60", {"Service": "ec2.amazonaws.com"}, {"Fn::If": ["Loop", {"AWS": "*"}, {"Service": "lambda.amazonaws.com"}]}]}}""", conditions: conditions);

        Assert.Null(role.Branch);
        Assert.Empty(role.Variants);
        Assert.True(role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("service:ec2.amazonaws.com"))).IsAllowed);
    }

    [Fact]
    public void A_self_referencing_condition_is_open()
    {
        var role = Role("""{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Fn::If": ["Loop", {"AWS": "*"}, {"Service": "lambda.amazonaws.com"}]}}""",
            conditions: """{"Loop": {"Fn::Not": [{"Condition": "Loop"}]}}""");

        Assert.Equal("Loop=true", role.Branch);
        Assert.Equal("Loop=false", Assert.Single(role.Variants).Branch);
    }

    internal static RoleResource Role(string statement, string? second = null, string? conditions = null)
    {
        var statements = second is null ? statement : statement + ", " + second;
        var template = "{\"Parameters\": {\"CallerParameter\": {\"Type\": \"String\", \"Default\": \"222222222222\"}}, \"Conditions\": "
            + (conditions ?? "{}")
            + ", \"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": ["
            + statements + "]}}}}}";
        return TemplateReader.Read(Encoding.UTF8.GetBytes(template), "t.json", "t", "EdgeIam-t", StackEnvironment.Parse($"aws://{Account}/us-east-1")).Roles[0];
    }
}
