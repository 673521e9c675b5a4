using System.CommandLine;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Templates;

namespace EdgeIam.App.Commands;

/// <summary>
/// <c>edgeiam can-assume</c>: evaluates one assume-role request against a role's trust policy; prints the decision,
/// the deciding statement and each condition that matched or failed. Exit 0 allowed, 1 denied or cannot be proved, 2 bad input.
/// </summary>
public static class CanAssumeCommand
{
    public static Command Create(CliContext context)
    {
        var assembly = PolicyCommandOptions.Assembly(required: true);
        var stack = new Option<string>("--stack") { Description = "Stack name (dev or EdgeIam-dev).", Required = true };
        var role = new Option<string>("--role") { Description = "The role's config name (edgeiam:role) or its logical ID.", Required = true };
        var principal = new Option<string>("--principal")
        {
            Description = "Caller: an IAM ARN or 12-digit account, service:<host>, or oidc:<issuer host/path>.",
            Required = true,
        };
        var action = new Option<string>("--action") { Description = "Default: sts:AssumeRoleWithWebIdentity for oidc:, else sts:AssumeRole." };
        var contextKeys = new Option<string[]>("--context")
        {
            Description = "Condition key of the request, KEY=VALUE. Repeat a key for a multivalued key.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("can-assume", "Decide whether a caller can assume a role (the role's trust side).")
        {
            assembly,
            stack,
            role,
            principal,
            action,
            contextKeys,
        };
        command.SetAction(parse => Run(context, parse.GetValue(assembly)!, parse.GetValue(stack)!, parse.GetValue(role)!,
            parse.GetValue(principal)!, parse.GetValue(action), parse.GetValue(contextKeys) ?? []));
        return command;
    }

    public static int Run(CliContext context, string assemblyDir, string stackName, string roleName, string principalSpec, string? action, IReadOnlyList<string> contextPairs) =>
        PolicyCommandOptions.Guard(context, () =>
        {
            RequestPrincipal caller;
            try
            {
                caller = RequestPrincipal.Parse(principalSpec);
            }
            catch (FormatException ex)
            {
                context.Error.WriteLine($"edgeiam: --principal: {ex.Message}");
                return ExitCodes.BadInput;
            }

            var pairs = new List<KeyValuePair<string, string>>();
            foreach (var pair in contextPairs)
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    context.Error.WriteLine($"edgeiam: --context \"{pair}\" is not KEY=VALUE");
                    return ExitCodes.BadInput;
                }

                pairs.Add(new(pair[..eq], pair[(eq + 1)..]));
            }

            var stack = AssemblyReader.Load(assemblyDir, [stackName]).Stacks[0];
            var target = stack.FindRole(roleName);
            if (target is null)
            {
                context.Error.WriteLine($"edgeiam: no role \"{roleName}\" in {stack.StackId}; roles: {string.Join(", ", stack.Roles.Select(r => r.DisplayName))}");
                return ExitCodes.BadInput;
            }

            var request = AccessRequest.AssumeRole(caller, action, RequestContext.FromPairs(pairs));
            var decision = target.EvaluateTrust(request, stack.Environment.Account);
            Print(context.Out, stack, target, request, decision);
            return decision.IsAllowed ? ExitCodes.Ok : ExitCodes.Findings;
        });

    private static void Print(TextWriter output, StackTemplate stack, RoleResource role, AccessRequest request, TrustDecision decision)
    {
        output.WriteLine($"role:      {role.DisplayName} in {stack.StackId}");
        output.WriteLine($"caller:    {request.Principal} ({request.Principal.Kind})");
        output.WriteLine($"action:    {request.Action}");
        foreach (var (key, values) in request.Context.Values)
        {
            output.WriteLine($"context:   {key} = {string.Join(" | ", values)}");
        }

        output.WriteLine($"decision:  {decision.Outcome}");
        var shown = decision.Result.Deciding.Count > 0
            ? decision.Result.Deciding
            : decision.Result.Statements.Where(s => s.Principal != PrincipalMatch.None).ToList();
        if (decision.Result.Deciding.Count == 0 && shown.Count > 0)
        {
            output.WriteLine("statements that name the caller, and why they do not apply:");
        }

        foreach (var statement in shown)
        {
            var label = decision.Result.Deciding.Contains(statement) ? "deciding" : "statement";
            output.WriteLine($"{label}:  {statement.Statement.Effect} {statement.Statement.Label} at {statement.Statement.JsonPath}");
            output.WriteLine($"  {Mark(statement.Principal != PrincipalMatch.None)} principal ({statement.Principal})");
            output.WriteLine($"  {Mark(statement.ActionMatched)} action {request.Action}");
            foreach (var condition in statement.Conditions)
            {
                output.WriteLine($"  {Mark(condition.Holds)} {condition.Explanation}");
            }
        }

        if (shown.Count == 0)
        {
            output.WriteLine("no statement of the trust policy names this caller; trusted principals:");
            foreach (var s in role.TrustPolicy.Statements)
            {
                var principals = s.Principal is null ? "(none)" : s.Principal.IsWildcard ? "*" : string.Join(", ", s.Principal.Entries.Select(e => $"{e.Kind}:{e.Value}"));
                output.WriteLine($"  {s.Effect} {s.Label}: {principals}");
            }
        }

        if (decision.IdentityPolicyRequired)
        {
            output.WriteLine("identity policy: required");
        }

        foreach (var note in decision.Notes)
        {
            output.WriteLine($"note:      {note}");
        }
    }

    private static string Mark(bool ok) => ok ? "[ok]  " : "[fail]";
}
