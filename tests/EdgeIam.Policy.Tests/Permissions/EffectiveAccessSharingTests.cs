using System.Text.Json;
using EdgeIam.Policy.Permissions;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Permissions;

/// <summary>
/// A session of AWS managed policies only is computed once per snapshot and combination (a 1,000-role stack attaches
/// ReadOnlyAccess hundreds of times): the shared answer is exactly the one computed afresh, and nothing else shares.
/// </summary>
public sealed class EffectiveAccessSharingTests
{
    private static string Json(EffectiveAccess access) => JsonSerializer.Serialize(access);

    [Fact]
    public void A_managed_policy_only_session_is_shared_and_equals_a_fresh_computation()
    {
        var role = Fixtures.Dev.FindRole("SecurityAudit")!;
        Assert.Empty(role.PermissionPolicies);
        var first = EffectiveAccessCalculator.Compute(SessionPermissionsReader.ForRole(Fixtures.Dev, role, ManagedPolicyCatalog.Embedded));
        var second = EffectiveAccessCalculator.Compute(SessionPermissionsReader.ForRole(Fixtures.Dev, role, ManagedPolicyCatalog.Embedded));

        Assert.Same(first, second);
        Assert.NotEmpty(first.Actions);

        // The same session with a role-specific copy of the policy (not the snapshot's instance) is computed afresh.
        var fresh = SessionPermissionsReader.ForRole(Fixtures.Dev, role, ManagedPolicyCatalog.Embedded);
        var copy = new SessionPermissions(fresh.RoleName, [.. fresh.Identity.Select(p => LayerPolicy.Known(p.Layer, p.Name, p.Origin, p.Policy!))], fresh.Boundary, fresh.Session, fresh.SessionName);
        var recomputed = EffectiveAccessCalculator.Compute(copy);
        Assert.NotSame(first, recomputed);
        Assert.Equal(Json(recomputed), Json(first));
    }

    [Fact]
    public void A_session_with_an_inline_policy_is_never_shared()
    {
        var role = Fixtures.Dev.FindRole("OpsBreakGlassDev")!;
        Assert.NotEmpty(role.PermissionPolicies);

        var first = EffectiveAccessCalculator.Compute(SessionPermissionsReader.ForRole(Fixtures.Dev, role, ManagedPolicyCatalog.Embedded));
        var second = EffectiveAccessCalculator.Compute(SessionPermissionsReader.ForRole(Fixtures.Dev, role, ManagedPolicyCatalog.Embedded));

        Assert.NotSame(first, second);
        Assert.Equal(Json(first), Json(second));
    }

    [Fact]
    public void Sessions_that_differ_only_in_their_name_do_not_share()
    {
        var role = Fixtures.Dev.FindRole("SecurityAudit")!;
        var permissions = SessionPermissionsReader.ForRole(Fixtures.Dev, role, ManagedPolicyCatalog.Embedded);
        var named = new SessionPermissions(permissions.RoleName, permissions.Identity, permissions.Boundary, permissions.Session, "profile:x");

        Assert.Null(EffectiveAccessCalculator.Compute(permissions).Session);
        Assert.Equal("profile:x", EffectiveAccessCalculator.Compute(named).Session);
    }
}
