using System.CommandLine;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;

namespace EdgeIam.App.Commands;

/// <summary>
/// <c>edgeiam can-assume</c>: evaluates one assume-role request against a role's trust policy; prints the decision,
/// the deciding statement and each condition that matched or failed (text or JSON, see <see cref="CanAssumeReport"/>).
/// Exit 0 allowed, 1 denied or cannot be proved, 2 bad input, 3 internal failure.
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
        var format = PolicyCommandOptions.Format("text", "json");
        var command = new Command("can-assume", "Decide whether a caller can assume a role (the role's trust side).")
        {
            assembly,
            stack,
            role,
            principal,
            action,
            contextKeys,
            format,
        };
        command.SetAction(parse => Run(context, parse.GetValue(assembly)!, parse.GetValue(stack)!, parse.GetValue(role)!,
            parse.GetValue(principal)!, parse.GetValue(action), parse.GetValue(contextKeys) ?? [],
            PolicyCommandOptions.ParseFormat(parse.GetValue(format))));
        return command;
    }

    public static int Run(CliContext context, string assemblyDir, string stackName, string roleName, string principalSpec, string? action, IReadOnlyList<string> contextPairs, ReportFormat format = ReportFormat.Text) =>
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

            if (PolicyCommandOptions.ParseContext(contextPairs, context.Error) is not { } pairs)
            {
                return ExitCodes.BadInput;
            }

            var stack = AssemblyReader.Load(assemblyDir, [stackName]).Stacks[0];
            var target = stack.FindRole(roleName);
            if (target is null)
            {
                context.Error.WriteLine($"edgeiam: no role \"{roleName}\" in {stack.StackId}; roles: {string.Join(", ", stack.Roles.Select(r => r.DisplayName))}");
                return ExitCodes.BadInput;
            }

            var request = AccessRequest.AssumeRole(caller, action, RequestContext.FromPairs(pairs));
            var report = CanAssumeReport.From(stack, target, request, target.EvaluateTrust(request, stack.Environment.Account));
            CanAssumeReportWriter.Write(report, format, context.Out);
            return report.Allowed ? ExitCodes.Ok : ExitCodes.Findings;
        });

}
