using System.Text.Json.Nodes;

namespace EdgeIam.Policy.Tests.Support;

/// <summary>
/// The known-bad changes of the acceptance script (shared/acceptance/mutate.py), applied to a template in C# so the
/// rule tests need no Python.
/// </summary>
internal static class TemplateMutations
{
    public static readonly string[] Kinds = ["drop-aud", "widen-sub", "root-no-externalid", "imds-optional", "ra-no-sourcearn", "admin-inline"];

    public static void Apply(string templatePath, string kind)
    {
        var template = JsonNode.Parse(File.ReadAllText(templatePath))!.AsObject();
        var resources = template["Resources"]!.AsObject();
        if (!Mutate(resources, kind))
        {
            throw new InvalidOperationException($"mutation {kind} found nothing to change");
        }

        File.WriteAllText(templatePath, template.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    private static bool Mutate(JsonObject resources, string kind)
    {
        switch (kind)
        {
            case "drop-aud":
                foreach (var s in TrustStatements(resources).Where(IsWebIdentity).Take(1))
                {
                    return RemoveKeys(s, k => k.EndsWith(":aud", StringComparison.Ordinal));
                }

                return false;
            case "widen-sub":
                foreach (var s in TrustStatements(resources).Where(IsWebIdentity).Take(1))
                {
                    var condition = s["Condition"]!.AsObject();
                    var changed = false;
                    foreach (var (op, block) in condition.ToList())
                    {
                        foreach (var key in block!.AsObject().Select(p => p.Key).Where(k => k.EndsWith(":sub", StringComparison.Ordinal)).ToList())
                        {
                            var value = block[key] is JsonArray a ? a[0]!.GetValue<string>() : block[key]!.GetValue<string>();
                            var owner = value.StartsWith("repo:", StringComparison.Ordinal) ? value.Split(':')[1].Split('/')[0] : "acme";
                            block.AsObject().Remove(key);
                            if (condition["StringLike"] is null)
                            {
                                condition["StringLike"] = new JsonObject();
                            }

                            condition["StringLike"]![key] = $"repo:{owner}/*";
                            changed = true;
                        }

                        if (condition[op] is JsonObject { Count: 0 })
                        {
                            condition.Remove(op);
                        }
                    }

                    return changed;
                }

                return false;
            case "root-no-externalid":
                resources["MutantVendorRole"] = JsonNode.Parse("""
                    {"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::999999999999:root"}}]},"MaxSessionDuration":3600}}
                    """);
                return true;
            case "imds-optional":
                foreach (var (_, r) in resources.Where(r => Type(r.Value) == "AWS::EC2::LaunchTemplate").Take(1))
                {
                    var data = r!["Properties"]!["LaunchTemplateData"]!.AsObject();
                    data["MetadataOptions"] ??= new JsonObject();
                    data["MetadataOptions"]!["HttpTokens"] = "optional";
                    return true;
                }

                return false;
            case "ra-no-sourcearn":
                foreach (var s in TrustStatements(resources).Where(s => s["Principal"]!.ToJsonString().Contains("rolesanywhere.amazonaws.com", StringComparison.Ordinal)).Take(1))
                {
                    RemoveKeys(s, k => k == "aws:SourceArn");
                    if (s["Condition"] is JsonObject { Count: 0 })
                    {
                        s.Remove("Condition");
                    }

                    return true;
                }

                return false;
            case "admin-inline":
                foreach (var (_, r) in resources.Where(r => Type(r.Value) == "AWS::IAM::Role").Take(1))
                {
                    var properties = r!["Properties"]!.AsObject();
                    properties["Policies"] ??= new JsonArray();
                    properties["Policies"]!.AsArray().Add(JsonNode.Parse("""
                        {"PolicyName":"mutant-admin","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}
                        """));
                    return true;
                }

                return false;
            default:
                throw new ArgumentException($"unknown mutation {kind}", nameof(kind));
        }
    }

    private static string? Type(JsonNode? resource) => resource?["Type"]?.GetValue<string>();

    private static IEnumerable<JsonObject> TrustStatements(JsonObject resources)
    {
        foreach (var (_, r) in resources.Where(r => Type(r.Value) == "AWS::IAM::Role"))
        {
            var statements = r!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!;
            foreach (var s in statements is JsonArray a ? a.Select(x => x!.AsObject()) : [statements.AsObject()])
            {
                yield return s;
            }
        }
    }

    private static bool IsWebIdentity(JsonObject statement)
    {
        var action = statement["Action"]!;
        return action is JsonArray a ? a.Any(x => x!.GetValue<string>() == "sts:AssumeRoleWithWebIdentity") : action.GetValue<string>() == "sts:AssumeRoleWithWebIdentity";
    }

    private static bool RemoveKeys(JsonObject statement, Func<string, bool> predicate)
    {
        var changed = false;
        if (statement["Condition"] is not JsonObject condition)
        {
            return false;
        }

        foreach (var (op, block) in condition.ToList())
        {
            foreach (var key in block!.AsObject().Select(p => p.Key).Where(predicate).ToList())
            {
                block.AsObject().Remove(key);
                changed = true;
            }

            if (block.AsObject().Count == 0)
            {
                condition.Remove(op);
            }
        }

        return changed;
    }
}
