using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Reports;

/// <summary>
/// <c>can-assume</c> as data: the request, the decision, whether it is proved and what it depends on, and the
/// statements behind it with each condition's result. Writers render it; nothing here is pre-rendered English except
/// the engine's own notes and condition explanations.
/// </summary>
public sealed record CanAssumeReport
{
    /// <summary>Stack name (<c>dev</c>).</summary>
    public required string Stack { get; init; }

    /// <summary>CloudFormation stack name (<c>EdgeIam-dev</c>).</summary>
    public required string StackId { get; init; }

    /// <summary>The role's config name (<c>edgeiam:role</c> metadata), null when the template does not carry one.</summary>
    public required string? Role { get; init; }

    public required string LogicalId { get; init; }

    public required string RoleDisplayName { get; init; }

    public required string Principal { get; init; }

    public required string PrincipalKind { get; init; }

    public required string Action { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Context { get; init; }

    /// <summary>"Allowed", "ExplicitlyDenied", "ImplicitlyDenied", or "Undetermined" when it cannot be proved.</summary>
    public required string Decision { get; init; }

    /// <summary>True only for a proved allow: the exit code of <c>can-assume</c> follows this.</summary>
    public required bool Allowed { get; init; }

    public required bool Proved { get; init; }

    /// <summary>What the answer depends on when it is not proved (unresolved intrinsics, parameters, conditions).</summary>
    public required IReadOnlyList<string> DependsOn { get; init; }

    public required bool RefusedBySts { get; init; }

    public required bool IdentityPolicyRequired { get; init; }

    /// <summary>
    /// The deciding statements when there are any; otherwise the statements that name the caller, to show why they
    /// do not apply.
    /// </summary>
    public required IReadOnlyList<CanAssumeStatement> Statements { get; init; }

    /// <summary>Every statement's principals, listed when no statement names the caller; empty otherwise.</summary>
    public required IReadOnlyList<CanAssumeTrustedPrincipals> TrustedPrincipals { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }

    public static CanAssumeReport From(StackTemplate stack, RoleResource role, AccessRequest request, TrustDecision decision)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decision);
        var deciding = decision.Result.Deciding;
        var shown = deciding.Count > 0
            ? deciding
            : decision.Result.Statements.Where(s => s.Principal != PrincipalMatch.None).ToList();
        return new CanAssumeReport
        {
            Stack = stack.Name,
            StackId = stack.StackId,
            Role = role.ConfigName,
            LogicalId = role.LogicalId,
            RoleDisplayName = role.DisplayName,
            Principal = request.Principal.ToString(),
            PrincipalKind = request.Principal.Kind.ToString(),
            Action = request.Action,
            Context = request.Context.Values,
            Decision = decision.Outcome,
            Allowed = decision.IsAllowed,
            Proved = decision.IsProved,
            DependsOn = decision.DependsOn,
            RefusedBySts = decision.RefusedBySts,
            IdentityPolicyRequired = decision.IdentityPolicyRequired,
            Statements = [.. shown.Select(s => CanAssumeStatement.From(s, request.Action, deciding.Contains(s)))],
            TrustedPrincipals = shown.Count > 0 ? [] : [.. role.TrustPolicy.Statements.Select(CanAssumeTrustedPrincipals.From)],
            Notes = decision.Notes,
        };
    }

    /// <summary>
    /// One sentence on why: the decision, the deciding statement (label and JSON path) and the conditions that
    /// decided, or the statements naming the caller with the conditions that failed, or that none names it.
    /// </summary>
    public string Explain()
    {
        var outcome = Allowed ? "allowed"
            : !Proved ? $"cannot be proved (depends on {string.Join(", ", DependsOn)})"
            : Decision == nameof(Evaluation.Decision.ExplicitlyDenied) ? "explicitly denied"
            : "denied";
        var parts = new List<string> { $"{Action} by {Principal} is {outcome}" };
        foreach (var statement in Statements)
        {
            var conditions = statement.Deciding ? statement.Conditions : [.. statement.Conditions.Where(c => !c.Holds)];
            var why = !statement.PrincipalMatched ? "the principal does not match"
                : !statement.ActionMatched ? $"the action is not {statement.Action}"
                : conditions.Count == 0 ? "no condition" : string.Join("; ", conditions.Select(c => c.Explanation));
            parts.Add($"{(statement.Deciding ? "deciding" : "not applying")}: {statement.Effect} {statement.Label} at {statement.JsonPath} ({why})");
        }

        if (Statements.Count == 0)
        {
            parts.Add("no trust statement names this caller");
        }

        return string.Join("; ", parts);
    }
}
