using System.Text.Json.Nodes;
using EdgeIam.Policy.Access;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Access;

/// <summary>
/// Identity Center permission sets on the shipped dev stack: who gets each one in which account (its assignments),
/// what its sessions may do, the permission rules on it, and its changes in <c>diff</c>.
/// </summary>
public sealed class PermissionSetAccessTests
{
    private const string Operator = "IdentityCenterPermissionSetEdgeOperator2EDB11CE";
    private const string BreakGlass = "IdentityCenterPermissionSetEdgeBreakGlassE62C2461";

    [Fact]
    public void A_permission_set_reaches_the_accounts_its_assignments_name_with_its_policies_and_session_length()
    {
        var dev = AccessAnalyzer.Analyze(Fixtures.Assembly).Stacks.Single(s => s.Name == "dev");

        var set = Assert.Single(dev.PermissionSets, p => p.LogicalId == Operator);
        Assert.Equal("EdgeOperator", set.ConfigName);
        var assigned = Assert.Single(set.AssumedBy);
        Assert.Equal(("identity-center", "GROUP:906747f0-b0e1-70f5-1b2a-7c1e2d3f4a5b@111111111111"), (assigned.PrincipalKind, assigned.Principal));
        Assert.Equal("Identity Center group 906747f0-b0e1-70f5-1b2a-7c1e2d3f4a5b in account 111111111111", assigned.Description);
        Assert.Equal(["arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"], set.ManagedPolicies);
        var inline = Assert.Single(set.Permissions);
        Assert.Equal(["ec2:RebootInstances"], inline.Actions);
        Assert.Equal(["arn:aws:ec2:us-east-1:111111111111:instance/*"], inline.Resources);
        Assert.Equal(4 * 3600, set.MaxSessionDurationSeconds);
        Assert.DoesNotContain(dev.Roles, r => r.LogicalId == Operator);
        Assert.Contains(dev.PermissionSets, p => p.LogicalId == BreakGlass && p.AssumedBy.Single().Description.Contains("d4e5f6a7-1b2c-4d3e-8f9a-0b1c2d3e4f5a", StringComparison.Ordinal));
    }

    [Fact]
    public void An_assignment_to_another_account_is_an_added_assignment_and_a_removed_one_narrows()
    {
        var diff = DiffAfter(t =>
        {
            var resources = t["Resources"]!.AsObject();
            var assignment = resources.First(r => r.Value!["Type"]!.GetValue<string>() == "AWS::SSO::Assignment"
                && r.Value!["Properties"]!["PermissionSetArn"]!["Fn::GetAtt"]![0]!.GetValue<string>() == Operator);
            var copy = assignment.Value!.DeepClone();
            copy["Properties"]!["TargetId"] = "222222222222";
            resources["ExtraOperatorAssignment"] = copy;
        });

        var change = Assert.Single(diff.Changes);
        Assert.Equal(("permission set EdgeOperator (" + Operator + ")", "assignment", ChangeKind.Added), (change.Role, change.Area, change.Kind));
        Assert.Equal("new assignment: Identity Center group 906747f0-b0e1-70f5-1b2a-7c1e2d3f4a5b in account 222222222222", change.Summary);
        Assert.True(diff.HasWidening);
    }

    [Fact]
    public void A_new_permission_set_and_a_broader_inline_policy_are_widenings()
    {
        var diff = DiffAfter(t =>
        {
            var set = t["Resources"]![Operator]!;
            set["Properties"]!["InlinePolicy"]!["Statement"]![0]!["Action"] = "ec2:*";
            var copy = set.DeepClone();
            copy["Metadata"]!["edgeiam:role"] = "EdgeOperator2";
            t["Resources"]!["ExtraPermissionSet"] = copy;
        });

        Assert.Contains(diff.Changes, c => c is { Kind: ChangeKind.Added, Summary: "new permission set", Area: "permission set" } && c.Role.StartsWith("permission set EdgeOperator2", StringComparison.Ordinal));
        Assert.Contains(diff.Changes, c => c is { Kind: ChangeKind.Widened, Area: "permissions" } && c.Role == "permission set EdgeOperator (" + Operator + ")" && c.Summary.Contains("ec2:*", StringComparison.Ordinal));
    }

    [Fact]
    public void The_permission_rules_read_permission_sets()
    {
        using var assembly = Fixtures.CopyAssembly();
        Edit(assembly.Combine("EdgeIam-dev.template.json"), t =>
        {
            t["Resources"]![BreakGlass]!["Metadata"]!.AsObject().Remove("edgeiam:justifications");
            t["Resources"]![Operator]!["Properties"]!["InlinePolicy"]!["Statement"]![0]!["Resource"] = "*";
            t["Resources"]![Operator]!["Properties"]!["InlinePolicy"]!["Statement"]![0]!["Action"] = "*";
        });

        var findings = PolicyCheck.RunAssembly(assembly.Path, ["dev"]).Findings;

        Assert.Contains(findings, f => f.Rule.Id == "EIAM-PERM-002" && f.ResourceLogicalId == BreakGlass && f.JsonPath == $"$.Resources.{BreakGlass}.Properties.ManagedPolicies");
        Assert.Contains(findings, f => f.Rule.Id == "EIAM-PERM-001" && f.ResourceLogicalId == Operator);
    }

    [Fact]
    public void A_customer_managed_policy_reference_is_never_proved()
    {
        using var assembly = Fixtures.CopyAssembly();
        Edit(assembly.Combine("EdgeIam-dev.template.json"), t =>
            t["Resources"]![Operator]!["Properties"]!["CustomerManagedPolicyReferences"] = new JsonArray(new JsonObject { ["Name"] = "EdgeOps", ["Path"] = "/edge/" }));

        var set = AccessAnalyzer.Analyze(AssemblyReader.Load(assembly.Path)).Stacks.Single(s => s.Name == "dev").PermissionSets.Single(p => p.LogicalId == Operator);

        Assert.Contains("arn:aws:iam::{assigned account}:policy/edge/EdgeOps", set.ManagedPolicies);
        Assert.Contains(EdgeIam.Policy.Reports.AccessTextWriter.EffectiveSummary(set), line => line.StartsWith("  - cannot prove: ", StringComparison.Ordinal) && line.Contains("EdgeOps", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SessionDuration", "\"4 hours\"", "is not an ISO 8601 duration")]
    [InlineData("ManagedPolicies", "\"arn:aws:iam::aws:policy/ReadOnlyAccess\"", "must be a list of AWS managed policy ARNs")]
    [InlineData("CustomerManagedPolicyReferences", "[{\"Path\": \"/\"}]", "needs \"Name\"")]
    [InlineData("PermissionsBoundary", "{}", "needs \"ManagedPolicyArn\" or \"CustomerManagedPolicyReference\"")]
    public void A_permission_set_property_the_engine_cannot_read_is_bad_input(string property, string json, string message)
    {
        using var assembly = Fixtures.CopyAssembly();
        Edit(assembly.Combine("EdgeIam-dev.template.json"), t => t["Resources"]![Operator]!["Properties"]![property] = JsonNode.Parse(json));

        var error = Assert.Throws<TemplateException>(() => AssemblyReader.Load(assembly.Path));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"$.Resources.{Operator}.Properties.{property}", error.JsonPath, StringComparison.Ordinal);
    }

    private static AccessDiff DiffAfter(Action<JsonNode> edit)
    {
        using var head = Fixtures.CopyAssembly();
        Edit(head.Combine("EdgeIam-dev.template.json"), edit);
        return AccessDiffer.Diff(AccessAnalyzer.Analyze(Fixtures.Assembly), AccessAnalyzer.Analyze(AssemblyReader.Load(head.Path)));
    }

    private static void Edit(string path, Action<JsonNode> edit)
    {
        var template = JsonNode.Parse(File.ReadAllText(path))!;
        edit(template);
        File.WriteAllText(path, template.ToJsonString());
    }
}
