using System.Text.RegularExpressions;
using EdgeIam.Config.Federation;
using EdgeIam.Config.Iam;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Identity;

/// <summary>
/// Parses <c>serviceRoles[]</c>: every statement carries <c>aws:SourceAccount</c> (this stack's account) and, where the
/// service sets it, <c>aws:SourceArn</c>, unless <c>withoutSourceKeys</c> says why not (the cross-service confused
/// deputy: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
/// </summary>
internal static partial class ServiceRoleParser
{
    internal static readonly KeySet Keys = new(
        "serviceRoles[]",
        ["name", "service", "sourceArns", "withoutSourceKeys", .. RoleAccessParser.Keys]);

    public static ServiceRoleConfig? Parse(MappingReader role, string? account, string? partition, IamRoleNames names)
    {
        var name = names.Read(role);
        var service = ParseService(role);
        var arns = ParseSourceArns(role, service, account, partition);
        var without = role.String("withoutSourceKeys");
        var access = RoleAccessParser.Parse(role);
        var ok = arns is not null;

        if (without is not null && without.Trim().Length < 10)
        {
            role.Error("withoutSourceKeys", "the reason must say why the service cannot be locked (at least 10 characters)",
                "write the reason a reviewer needs, e.g. \"lambda.amazonaws.com documents no aws:SourceArn for execution roles\".");
            ok = false;
        }
        else if (without is not null && arns is { Count: > 0 })
        {
            role.Error("withoutSourceKeys", "the role both names sourceArns and says it has no source keys",
                "keep sourceArns (the trust is locked) and remove withoutSourceKeys, or the other way round.");
            ok = false;
        }
        else if (service is not null && without is not null && ServiceSourceKeys.Known.TryGetValue(service, out var documented))
        {
            role.Error("withoutSourceKeys", $"{service} sends aws:SourceAccount and aws:SourceArn ({documented.Source}), so its trust can be locked",
                "remove withoutSourceKeys and list the resources in sourceArns.");
            ok = false;
        }
        else if (service is not null && without is null && arns is { Count: 0 })
        {
            if (ServiceSourceKeys.Known.TryGetValue(service, out var known))
            {
                role.Missing("sourceArns", $"{service} sets aws:SourceArn ({known.Source}); list the resources it acts for, e.g. sourceArns: [\"arn:aws:{known.Namespace}:us-east-1:111111111111:...\"].");
            }
            else
            {
                role.Missing("sourceArns", $"EdgeIam does not know whether {service} sends aws:SourceArn when it assumes a role (a condition on a key it does not send refuses every call): list the sources if its documentation says it sends them, or write withoutSourceKeys: \"<why>\".");
            }

            ok = false;
        }

        return ok && name is not null && service is not null && arns is not null
            ? new ServiceRoleConfig(name, role.Path, service, arns, without, access)
            : null;
    }

    private static string? ParseService(MappingReader role)
    {
        var service = role.Matching("service", ServicePattern(), "an AWS service principal (e.g. codebuild.amazonaws.com)",
            "write the service principal the service's documentation names, e.g. service: codebuild.amazonaws.com.", required: true);
        if (service is not null && ServiceSourceKeys.OwnedElsewhere.TryGetValue(service, out var owner))
        {
            role.Error("service", $"roles for {service} belong in {owner}, which writes their trust", $"declare the role under {owner}.");
            return null;
        }

        return service;
    }

    private static List<string>? ParseSourceArns(MappingReader role, string? service, string? account, string? partition)
    {
        var arns = role.Strings("sourceArns").ToList();
        if (role.Has("sourceArns") && arns.Count == 0)
        {
            role.Error("sourceArns", "the list is empty", "list at least one source ARN, or remove the key.");
            return null;
        }

        var ok = true;
        for (var i = 0; i < arns.Count; i++)
        {
            var match = SourceArnPattern().Match(arns[i]);
            string? problem = null;
            if (!match.Success)
            {
                problem = $"'{arns[i]}' is not an ARN of a resource in one account (arn:partition:service:region:account:resource)";
            }
            else if (account is not null && match.Groups["account"].Value != account)
            {
                problem = $"'{arns[i]}' is in account {match.Groups["account"].Value}; a service role acts only for this stack's account {account}";
            }
            else if (partition is not null && match.Groups["partition"].Value != partition)
            {
                problem = $"'{arns[i]}' is in partition {match.Groups["partition"].Value}, but the stack deploys to {partition}";
            }
            else if (service is not null && ServiceSourceKeys.Known.TryGetValue(service, out var known) && match.Groups["ns"].Value != known.Namespace)
            {
                problem = $"'{arns[i]}' is not a {known.Namespace} resource, so {service} never sends it as aws:SourceArn";
            }

            if (problem is not null)
            {
                role.Context.Error(YamlNodes.Item(role.Value("sourceArns"), i), role.ItemPath("sourceArns", i), problem,
                    "write the ARN of the resource the service acts for, e.g. arn:aws:codebuild:us-east-1:111111111111:project/edge-pipeline (wildcards * and ? allowed in the resource part).");
                ok = false;
            }
        }

        return ok ? arns : null;
    }

    // Service principals: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services
    [GeneratedRegex(@"^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ServicePattern();

    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):(?<ns>[a-z0-9-]+):[a-z0-9-]*:(?<account>[0-9]{12}):[^\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SourceArnPattern();
}
