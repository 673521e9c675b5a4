using System.CommandLine;
using EdgeIam.Policy.Access;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;

namespace EdgeIam.App.Commands;

/// <summary>
/// <c>edgeiam can-do</c>: decides one request of a role session like IAM would, from the synthesized template: the
/// identity policies (AWS managed ones from the embedded snapshot), the permissions boundary and, with
/// <c>--session profile:NAME</c>, a Roles Anywhere profile's session policies; names the deciding statements of every
/// layer (<see cref="CanDoReport"/>). Exit 0 allowed, 1 denied or cannot be proved, 2 bad input, 3 internal failure.
/// </summary>
public static class CanDoCommand
{
    public static Command Create(CliContext context)
    {
        var assembly = PolicyCommandOptions.Assembly();
        var stack = new Option<string>("--stack") { Description = "Stack name (dev or EdgeIam-dev).", Required = true };
        var role = new Option<string>("--role") { Description = "The role's config name (edgeiam:role) or its logical ID.", Required = true };
        var session = new Option<string>("--session") { Description = "The session: profile:NAME for a Roles Anywhere profile's session (its session policies narrow the role). Default: the role on its own." };
        var action = new Option<string>("--action") { Description = "One action, e.g. s3:PutObject (checked against the Service Authorization Reference).", Required = true };
        var resource = new Option<string>("--resource") { Description = "The resource ARN the request is for, or * for actions without a resource.", Required = true };
        var contextKeys = new Option<string[]>("--context")
        {
            Description = "Condition key of the request, KEY=VALUE (e.g. aws:PrincipalTag/x509Subject/CN=sensor-1). Repeat a key for a multivalued key.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var format = PolicyCommandOptions.Format("text", "json");
        var command = new Command("can-do", "Decide whether a role session can do an action on a resource (the permission side): identity policies, permissions boundary, session policies.")
        {
            assembly, stack, role, session, action, resource, contextKeys, format,
        };
        command.SetAction(parse => PolicyCommandOptions.Guard(context, () =>
        {
            if (PolicyCommandOptions.ParseContext(parse.GetValue(contextKeys) ?? [], context.Error) is not { } pairs)
            {
                return ExitCodes.BadInput;
            }

            var template = AssemblyReader.Load(parse.GetValue(assembly)!, [parse.GetValue(stack)!]).Stacks[0];
            CanDoReport report;
            try
            {
                report = AccessAnalyzer.CanDo(template, parse.GetValue(role)!, parse.GetValue(action)!, parse.GetValue(resource)!, RequestContext.FromPairs(pairs), parse.GetValue(session));
            }
            catch (ArgumentException ex)
            {
                context.Error.WriteLine($"edgeiam can-do: {ex.Message.Split(" (Parameter", 2)[0]}");
                return ExitCodes.BadInput;
            }

            AccessReportWriter.Write(report, PolicyCommandOptions.ParseFormat(parse.GetValue(format)), context.Out);
            return report.Allowed ? ExitCodes.Ok : ExitCodes.Findings;
        }));
        return command;
    }
}
