using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Identity;

public sealed class IdentityCenterRulesTests
{
    private const string Group = "906747f0-b0e1-70f5-1b2a-7c1e2d3f4a5b";

    private static string Yaml(string sets, string assignments = "") =>
        StackFiles.Minimal + "identityCenter:\n  instanceArn: arn:aws:sso:::instance/ssoins-72230a3b9c1d4e5f\n  permissionSets:\n" + sets
        + (assignments.Length > 0 ? "  assignments:\n" + assignments : string.Empty);

    private static void HasError(string yaml, string path, string message)
    {
        var result = StackFiles.Load(yaml);
        Assert.True(result.Diagnostics.Any(d => d.IsError && d.KeyPath == path && d.Message.Contains(message, StringComparison.Ordinal)),
            $"expected an error at {path} containing '{message}', got:\n{string.Join("\n", result.Diagnostics)}");
    }

    [Fact]
    public void PermissionSetAndAssignmentsAreParsed()
    {
        var stack = StackFiles.Valid(Yaml("    - name: Operator\n      sessionDuration: 90m\n      managedPolicies: [ViewOnlyAccess]\n      customerManagedPolicies: [/edge/EdgeOps]\n",
            $"    - permissionSet: Operator\n      groups: [\"{Group}\"]\n      accounts: [\"111111111111\", \"222222222222\"]\n"));
        var set = Assert.Single(stack.IdentityCenter!.PermissionSets);
        Assert.Equal("PT1H30M", set.SessionDuration);
        Assert.Equal(("/edge/", "EdgeOps"), Assert.Single(set.CustomerManagedPolicies));
        Assert.Equal(2, Assert.Single(stack.IdentityCenter.Assignments).Accounts.Count);
    }

    [Theory]
    [InlineData("    - name: Ops\n      managedPolicies: [AdministratorAccess]\n", "identityCenter.permissionSets[0].managedPolicies", "administrator-level")]
    [InlineData("    - name: Ops\n      managedPolicies: [administratoraccess]\n", "identityCenter.permissionSets[0].managedPolicies", "administrator-level")]
    [InlineData("    - name: Ops\n      managedPolicies: [NoSuchPolicy]\n", "identityCenter.permissionSets[0].managedPolicies", "not an AWS managed policy")]
    [InlineData("    - name: Ops\n      managedPolicies: [ViewOnlyAccess, ViewOnlyAccess]\n", "identityCenter.permissionSets[0].managedPolicies[1]", "listed twice")]
    [InlineData("    - name: Ops\n      sessionDuration: 13h\n      managedPolicies: [ViewOnlyAccess]\n", "identityCenter.permissionSets[0].sessionDuration", "out of range")]
    [InlineData("    - name: Ops\n      sessionDuration: 30m\n      managedPolicies: [ViewOnlyAccess]\n", "identityCenter.permissionSets[0].sessionDuration", "out of range")]
    [InlineData("    - name: ThisNameIsFarTooLongForIdentityCenter\n      managedPolicies: [ViewOnlyAccess]\n", "identityCenter.permissionSets[0].name", "permission set name")]
    [InlineData("    - name: Ops\n", "identityCenter.permissionSets[0].permissions", "required")]
    [InlineData("    - name: Ops\n      managedPolicies: [ViewOnlyAccess]\n    - name: Ops\n      managedPolicies: [ViewOnlyAccess]\n", "identityCenter.permissionSets[1].name", "two permission sets")]
    [InlineData("    - name: Ops\n      managedPolicies: [ViewOnlyAccess]\n      relayState: \"bad<url>\"\n", "identityCenter.permissionSets[0].relayState", "relay state")]
    [InlineData("    - name: Ops\n      managedPolicies: [ViewOnlyAccess]\n      customerManagedPolicies: [\"a b\"]\n", "identityCenter.permissionSets[0].customerManagedPolicies", "not a policy name")]
    [InlineData("    - name: Ops\n      managedPolicies: [ViewOnlyAccess]\n      permissionsBoundary: arn:aws:iam::111111111111:policy/B\n", "identityCenter.permissionSets[0].permissionsBoundary", "neither")]
    [InlineData("    - name: Ops\n      managedPolicies: [ViewOnlyAccess]\n      sesionDuration: 1h\n", "identityCenter.permissionSets[0].sesionDuration", "unknown key")]
    public void HostilePermissionSets(string sets, string path, string message) => HasError(Yaml(sets), path, message);

    [Fact]
    public void AdministratorAccessWithAJustificationIsAccepted()
    {
        var stack = StackFiles.Valid(Yaml("    - name: BreakGlass\n      managedPolicies: [AdministratorAccess]\n      justification: Break-glass for incidents, two members.\n"));
        Assert.Equal("arn:aws:iam::aws:policy/AdministratorAccess", Assert.Single(Assert.Single(stack.IdentityCenter!.PermissionSets).ManagedPolicyArns));
    }

    [Fact]
    public void TooManyPoliciesAreRefused()
    {
        var names = string.Join(", ", Enumerable.Range(0, 21).Select(i => $"P{i}"));
        HasError(Yaml($"    - name: Ops\n      customerManagedPolicies: [{names}]\n"), "identityCenter.permissionSets[0].managedPolicies", "exceed");
    }

    private const string OneSet = "    - name: Ops\n      managedPolicies: [ViewOnlyAccess]\n";

    [Theory]
    [InlineData("    - permissionSet: Nope\n      groups: [\"" + Group + "\"]\n      accounts: [\"111111111111\"]\n", "identityCenter.assignments[0].permissionSet", "no permission set named")]
    [InlineData("    - permissionSet: Ops\n      accounts: [\"111111111111\"]\n", "identityCenter.assignments[0].groups", "required")]
    [InlineData("    - permissionSet: Ops\n      groups: [\"Edge Operators\"]\n      accounts: [\"111111111111\"]\n", "identityCenter.assignments[0].groups", "not an Identity Center group ID")]
    [InlineData("    - permissionSet: Ops\n      groups: [\"" + Group + "\"]\n      accounts: [\"1234\"]\n", "identityCenter.assignments[0].accounts", "12-digit")]
    [InlineData("    - permissionSet: Ops\n      groups: [\"" + Group + "\"]\n      accounts: []\n", "identityCenter.assignments[0].accounts", "empty")]
    [InlineData("    - permissionSet: Ops\n      groups: []\n      accounts: [\"111111111111\"]\n", "identityCenter.assignments[0].groups", "empty")]
    [InlineData("    - permissionSet: Ops\n      groups: [\"" + Group + "\"]\n      accounts: [\"111111111111\"]\n    - permissionSet: Ops\n      groups: [\"" + Group + "\"]\n      accounts: [\"111111111111\"]\n", "identityCenter.assignments[1].accounts", "already has")]
    public void HostileAssignments(string assignments, string path, string message) => HasError(Yaml(OneSet, assignments), path, message);

    [Fact]
    public void SectionShapeIsChecked()
    {
        HasError(StackFiles.Minimal + "identityCenter:\n", "identityCenter", "expected a mapping");
        HasError(StackFiles.Minimal + "identityCenter:\n  instanceArn: arn:aws:sso:::instance/x\n  permissionSets: []\n", "identityCenter.instanceArn", "Identity Center instance ARN");
        HasError(StackFiles.Minimal + "identityCenter:\n  instanceArn: arn:aws:sso:::instance/ssoins-72230a3b9c1d4e5f\n  permissionSets: []\n", "identityCenter.permissionSets", "empty");
    }
}
