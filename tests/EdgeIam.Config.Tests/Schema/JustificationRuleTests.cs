using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using EdgeIam.Config.Tests.Support;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Rules;
using Xunit.Abstractions;

namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// The schema's justification rule (permissionStatement if/then) is a subset of the loader's, which judges actions by
/// their access level in AWS's Service Authorization Reference and resources by what they match (PermissionBreadth):
/// every pattern the schema uses is checked here against the embedded reference and the loader's own judgement, so
/// the schema can never ask for a justification the loader does not.
/// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_understand-policy-summary-access-level-summaries.html
/// </summary>
public sealed class JustificationRuleTests(ITestOutputHelper output)
{
    private static readonly JsonNode Statement =
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.Schema))!["definitions"]!["permissionStatement"]!;

    // if.anyOf[0]: every action (*), on any resource. if.anyOf[1]: a resource that covers every resource together with
    // an action that is a write (its first pattern) or a wildcard that can name one (the rest).
    private static readonly JsonNode EveryActionBranch = Statement["if"]!["anyOf"]![0]!;

    private static readonly JsonNode OpenResourceBranch = Statement["if"]!["anyOf"]![1]!;

    private static readonly IReadOnlyList<Regex> OpenResourceActions =
        [.. OpenResourceBranch["properties"]!["actions"]!["contains"]!["anyOf"]!.AsArray().Select(p => Compile((string)p!["pattern"]!))];

    private static readonly Regex EveryAction = Compile((string)EveryActionBranch["properties"]!["actions"]!["contains"]!["pattern"]!);

    private static readonly Regex WriteAction = OpenResourceActions[0];

    private static readonly IReadOnlyList<Regex> WildcardWrite = [EveryAction, .. OpenResourceActions.Skip(1)];

    private static readonly Regex EveryResource = Compile((string)OpenResourceBranch["properties"]!["resources"]!["contains"]!["pattern"]!);

    private static readonly IReadOnlyList<string> AllActions = ServiceAuthorization.Expand("*");

    [Fact]
    public void WriteActionPatternMatchesOnlyActionsTheReferenceCallsWrites()
    {
        var matched = 0;
        foreach (var action in AllActions)
        {
            foreach (var written in new[] { action, action.ToLowerInvariant(), action[..action.IndexOf(':', StringComparison.Ordinal)] + action[action.IndexOf(':', StringComparison.Ordinal)..].ToUpperInvariant() })
            {
                if (WriteAction.IsMatch(written))
                {
                    matched++;
                    Assert.False(!ServiceAuthorization.CanWrite(written), $"the schema counts {written} as a write, the reference says it cannot write");
                }
            }
        }

        output.WriteLine($"{matched} of {AllActions.Count * 3} spellings of documented actions are writes the schema recognises");
        Assert.True(matched > AllActions.Count, "the write pattern recognises too little to be worth having");
    }

    /// <summary>
    /// For every service: <c>svc:*</c>, and for every documented action <c>svc:Name*</c>, <c>svc:Nam*</c>,
    /// <c>svc:Name?</c>-style and the verb alone with <c>*</c>. Where the schema calls the wildcard a write, the loader
    /// must too (or refuse it as matching nothing).
    /// </summary>
    [Fact]
    public void WildcardWritePatternsMatchOnlyWildcardsTheLoaderRefusesWithoutJustification()
    {
        var patterns = new HashSet<string>(StringComparer.Ordinal) { "*" };
        foreach (var action in AllActions)
        {
            var colon = action.IndexOf(':', StringComparison.Ordinal);
            var (service, name) = (action[..colon], action[(colon + 1)..]);
            patterns.Add(service + ":*");
            patterns.Add(service + ":**");
            patterns.Add(action + "*");
            patterns.Add(service + ":" + name[..^1] + "?");
            foreach (var cut in new[] { 3, 4, 6, 8 }.Where(c => c < name.Length))
            {
                patterns.Add(service + ":" + name[..cut] + "*");
                patterns.Add(service + ":" + name[..cut].ToLowerInvariant() + "*");
            }
        }

        var writes = 0;
        var readOnlyServices = 0;
        foreach (var pattern in patterns)
        {
            if (WildcardWrite.Any(r => r.IsMatch(pattern)))
            {
                writes++;
                var check = ServiceAuthorization.Check(pattern);
                Assert.True(!check.IsKnown || ((pattern.Contains('*') || pattern.Contains('?')) && ServiceAuthorization.CanWrite(pattern)),
                    $"the schema asks a justification for {pattern}, which the loader reads as read-only");
            }
            else if (pattern.EndsWith(":*", StringComparison.Ordinal) && !ServiceAuthorization.CanWrite(pattern))
            {
                readOnlyServices++;
            }
        }

        output.WriteLine($"{patterns.Count} wildcard patterns; the schema asks a justification for {writes}; {readOnlyServices} services are read-only (svc:* needs none)");
        Assert.True(writes > 1000);
        Assert.True(readOnlyServices > 0, "no read-only service: the schema's exception list is stale");
    }

    /// <summary>The schema's exception list is exactly the services whose every action is List or Read.</summary>
    [Fact]
    public void ServiceWildcardExceptionsAreExactlyTheReadOnlyServices()
    {
        var services = AllActions.Select(a => a[..a.IndexOf(':', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).ToList();
        var readOnly = services.Where(s => !ServiceAuthorization.CanWrite(s + ":*")).Order(StringComparer.Ordinal).ToList();
        var exceptedBySchema = services.Where(s => !WildcardWrite.Any(r => r.IsMatch(s + ":*"))).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(readOnly, exceptedBySchema);
    }

    [Fact]
    public void EveryResourcePatternMatchesOnlyWhatTheLoaderCountsAsEveryResource()
    {
        string[] mustMatch = ["*", "arn:*", "arn:aws:*", "arn:aws:ec2:*:*:*", "arn:aws:s3:::*", "arn:aws:ec2:us-east-1:111111111111:*", "arn:aws-cn:*", "arn:aws:ec2:*"];
        foreach (var resource in mustMatch)
        {
            Assert.True(EveryResource.IsMatch(resource), resource);
            Assert.True(PermissionBreadth.CoversEveryResource(resource), resource);
        }

        var matched = 0;
        var loaderOnly = 0;
        Gen.Select(Gen.Int[0, 6], Gen.String[Gen.Char["aws:3*?$}{/-"], 0, 24], (colons, body) => "arn:" + new string(':', colons % 2) + body)
            .Sample(resource =>
            {
                var loader = PermissionBreadth.CoversEveryResource(resource);
                if (EveryResource.IsMatch(resource))
                {
                    matched++;
                    Assert.True(loader, $"the schema counts {resource} as every resource, the loader does not");
                }
                else if (loader)
                {
                    loaderOnly++;
                }
            }, iter: 20000, threads: 1);
        output.WriteLine($"20000 generated resource patterns: {matched} every-resource to both, {loaderOnly} to the loader alone");
        Assert.True(matched > 100);
    }

    /// <summary>
    /// The character classes of the schema's text patterns, over every BMP character, against the loader's checks
    /// (<c>char.IsWhiteSpace</c> at the ends; control and format characters but tab anywhere; no line breaks in values).
    /// </summary>
    [Fact]
    public void TextPatternsRefuseExactlyTheCharactersTheLoaderRefuses()
    {
        var conditions = Statement["properties"]!["conditions"]!["additionalProperties"]!;
        var key = Compile((string)conditions["propertyNames"]!["pattern"]!);
        var value = Compile((string)conditions["additionalProperties"]!["anyOf"]![0]!["anyOf"]![0]!["pattern"]!);
        for (var code = 0; code <= 0xFFFF; code++)
        {
            var c = (char)code;
            if (char.IsSurrogate(c))
            {
                continue;
            }

            var hidden = c is not ('\t' or '\n' or '\r') && char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;
            var lineBreak = c is '\n' or '\r';
            var text = c.ToString();
            Assert.True(key.IsMatch(text) == !char.IsWhiteSpace(c), $"key U+{code:X4}");
            Assert.True(key.IsMatch("a" + text + "a"), $"key a U+{code:X4} a");
            Assert.True(value.IsMatch(text) == !(char.IsWhiteSpace(c) || hidden || lineBreak), $"value U+{code:X4}");
            Assert.True(value.IsMatch("a" + text + "a") == !(hidden || lineBreak), $"value a U+{code:X4} a");
        }
    }

    private const string Top = """
        account: "111111111111"
        region: us-east-1
        network:
          vpcCidr: 10.20.0.0/16
          wavelengthZones:
            - zone: us-east-1-wl1-bos-wlz-1
              subnetCidr: 10.20.10.0/24
        edgeFleets:
          - name: fleet
            zone: us-east-1-wl1-bos-wlz-1
            instanceType: t3.medium
            permissions:
              - sid: Generated

        """;

    private static readonly string[] Actions =
    [
        "s3:GetObject", "s3:PutObject", "s3:Put*", "s3:Get*", "s3:List*", "s3:*", "s3:*Object", "*", "pricing:*", "pricing:GetProducts",
        "logs:FilterLogEvents", "sts:GetFederationToken", "ec2:TerminateInstances", "ec2:Delete*", "ec2:Describe*", "ec2:Describe?nstances",
        "ssm:PutConfigurePackageResult", "ssm:PutConfigure*", "cloudwatch:PutMetricData", "iam:CreateRole", "cloud9:CreateEnvironmentToken",
        "s3:PutObjcet", "vpc-lattice:AssociateViaAWSService-EventsAndStates", "kms:Decrypt", "iam:GenerateCredentialReport", "S3:GetObject",
    ];

    private static readonly string[] Resources =
    [
        "*", "arn:*", "arn:aws:*", "arn:aws:s3:::*", "arn:aws:s3:::bucket/*", "arn:aws:ec2:*:*:*", "arn:aws:ec2:us-east-1:111111111111:*",
        "arn:aws:ec2:us-east-1:111111111111:instance/*", "arn:aws:s3:::*/*", "arn::*", "arn:aws::*:*:*", "arn:aws:ec2::", "arn:aws:s3:::bucket",
        "arn:aws:s3:::${aws:username}*", "arn:aws:ec2:*:*:instance/*",
    ];

    /// <summary>
    /// Generated statements (1-3 actions, 1-2 resources, Allow/Deny/default effect, with or without a justification):
    /// the schema never refuses one the loader accepts.
    /// </summary>
    [Fact]
    public void GeneratedStatementsAreNeverRefusedByTheSchemaAlone()
    {
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var gen = Gen.Select(Gen.Shuffle(Actions, 1, 3), Gen.Shuffle(Resources, 1, 2), Gen.OneOf("", "Allow", "Deny"), Gen.Bool,
            (actions, resources, effect, justified) =>
                (effect.Length > 0 ? $"        effect: {effect}\n" : "")
                + "        actions: [" + string.Join(", ", actions.Select(a => "\"" + a + "\"")) + "]\n"
                + "        resources: [" + string.Join(", ", resources.Select(r => "\"" + r + "\"")) + "]\n"
                + (justified ? "        justification: the bucket is named by the pipeline at deploy time.\n" : ""));
        gen.Sample(lines =>
        {
            var yaml = Top + lines;
            var schema = StackSchema.Instance.Errors(YamlToJson.Convert(yaml, out var problem));
            Assert.Null(problem);
            var loader = StackFiles.Load(yaml);
            Assert.False(schema.Count > 0 && !loader.HasErrors, "the schema refuses a statement the loader accepts:\n" + lines + string.Join("\n", schema));
            var outcome = (schema.Count > 0, loader.HasErrors) switch
            {
                (false, false) => "accepted by both",
                (true, true) => "refused by both",
                _ => "refused by the loader alone",
            };
            outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        }, iter: 1500, threads: 1);

        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{count,5} {outcome}");
        }

        Assert.Equal(3, outcomes.Count);
    }

    private static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
}
