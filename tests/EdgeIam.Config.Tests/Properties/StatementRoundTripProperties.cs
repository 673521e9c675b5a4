using System.Text;
using CsCheck;
using EdgeIam.Config.Iam;
using EdgeIam.Config.Tests.Support;
using Xunit.Abstractions;

namespace EdgeIam.Config.Tests.Properties;

/// <summary>For every generated permission statement, the loaded config says exactly what the YAML says.</summary>
public sealed class StatementRoundTripProperties(ITestOutputHelper output)
{
    public const int Iterations = 2000;

    private const string ValueChars = "abcXYZ019:/*?$.-_@ '\"\\{}[],#&!|>%`éü";

    private static readonly string[] ActionPool =
        ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "ec2:DescribeInstances", "kms:Decrypt", "sqs:SendMessage", "logs:PutLogEvents", "iot:Publish", "s3:Get*", "dynamodb:Query"];

    private static readonly string[] OperatorPool =
        ["StringEquals", "StringLike", "StringNotEquals", "ArnLike", "Bool", "IpAddress", "ForAnyValue:StringEquals", "StringEqualsIfExists", "NumericLessThan", "Null"];

    private static readonly string[] KeyPool =
        ["aws:RequestedRegion", "aws:PrincipalTag/team", "s3:prefix", "aws:SourceVpc", "aws:SecureTransport", "aws:TagKeys", "kms:ViaService", "ec2:ResourceTag/Env"];

    private static Gen<string> Text(int min, int max) =>
        Gen.Int[0, ValueChars.Length - 1].Array[min, max]
            .Select(a => new string([.. a.Select(i => ValueChars[i])]))
            .Where(s => s.Trim().Length == s.Length && s.Length > 0);

    private static Gen<List<T>> DistinctFrom<T>(IReadOnlyList<T> pool, int min, int max, IEqualityComparer<T>? comparer = null) =>
        Gen.Int[0, pool.Count - 1].Array[min, max].Select(a => a.Select(i => pool[i]).Distinct(comparer).ToList());

    private static readonly Gen<PolicyCondition[]> Conditions =
        Gen.Select(Gen.Int[0, OperatorPool.Length - 1], DistinctFrom(KeyPool, 1, 3, StringComparer.OrdinalIgnoreCase), Text(1, 12).Array[1, 3])
            .Array[0, 3]
            .Select(groups => groups
                .DistinctBy(g => g.Item1)
                .SelectMany(g => g.Item2.Select(k => new PolicyCondition(OperatorPool[g.Item1], k, [.. g.Item3.Distinct(StringComparer.Ordinal)])))
                .ToArray());

    private static readonly Gen<PermissionStatement> Statements =
        Gen.Select(
            Gen.Bool,
            DistinctFrom(ActionPool, 1, 5, StringComparer.OrdinalIgnoreCase),
            Text(1, 20).Select(t => "arn:aws:s3:::" + t).Array[1, 4],
            Conditions,
            Gen.Int[0, 9999])
        .Select((allow, actions, resources, conditions, sid) => new PermissionStatement(
            "S" + sid, allow, actions, [.. resources.Distinct(StringComparer.Ordinal)], conditions, "generated statement for a property test"));

    [Fact]
    public void EveryGeneratedStatementLoadsAsWritten()
    {
        var runs = 0;
        Statements.Sample(statement =>
        {
            runs++;
            var yaml = StackFiles.Minimal + "crossAccount:\n  - name: Partner\n    trustedAccounts: [\"222222222222\"]\n    externalId: partner-9f2c\n    permissions:\n" + Render(statement);
            var result = StackFiles.Load(yaml);
            Assert.False(result.HasErrors, yaml + "\n" + string.Join("\n", result.Diagnostics));
            var loaded = Assert.Single(Assert.Single(Assert.Single(result.Stacks).CrossAccount).Access.Permissions);
            Assert.Equal(statement.Sid, loaded.Sid);
            Assert.Equal(statement.Allow, loaded.Allow);
            Assert.Equal(statement.Actions, loaded.Actions);
            Assert.Equal(statement.Resources, loaded.Resources);
            Assert.Equal(statement.Conditions.Count, loaded.Conditions.Count);
            for (var i = 0; i < statement.Conditions.Count; i++)
            {
                Assert.Equal(statement.Conditions[i].Operator, loaded.Conditions[i].Operator);
                Assert.Equal(statement.Conditions[i].Key, loaded.Conditions[i].Key);
                Assert.Equal(statement.Conditions[i].Values, loaded.Conditions[i].Values);
            }

            // And the policy document EdgeIam measures (and the CDK writes) names every value.
            var policy = PolicySize.InlinePolicy([loaded]).ToJsonString();
            var expected = PolicySize.InlinePolicy([statement]).ToJsonString();
            Assert.Equal(expected, policy);
        }, iter: Iterations, threads: 1);
        output.WriteLine($"{runs} generated statements loaded exactly as written");
        Assert.True(runs >= Iterations);
    }

    private static string Render(PermissionStatement s)
    {
        var yaml = new StringBuilder();
        yaml.Append("      - sid: ").Append(s.Sid).Append('\n');
        yaml.Append("        effect: ").Append(s.Allow ? "Allow" : "Deny").Append('\n');
        yaml.Append("        actions: [").AppendJoin(", ", s.Actions.Select(Quote)).Append("]\n");
        yaml.Append("        resources: [").AppendJoin(", ", s.Resources.Select(Quote)).Append("]\n");
        yaml.Append("        justification: ").Append(Quote(s.Justification!)).Append('\n');
        if (s.Conditions.Count > 0)
        {
            yaml.Append("        conditions:\n");
            foreach (var group in s.Conditions.GroupBy(c => c.Operator))
            {
                yaml.Append("          ").Append(Quote(group.Key)).Append(":\n");
                foreach (var c in group)
                {
                    yaml.Append("            ").Append(Quote(c.Key)).Append(": ");
                    yaml.Append(c.Values.Count == 1 ? Quote(c.Values[0]) : "[" + string.Join(", ", c.Values.Select(Quote)) + "]").Append('\n');
                }
            }
        }

        return yaml.ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
