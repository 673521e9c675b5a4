using System.Text.Json;

namespace EdgeIam.App.Tests.Commands;

/// <summary>
/// <c>can-do</c> over the fixture assembly (a real synth of the shipped stacks): the permission side of a session,
/// with AWS managed policies read from the embedded snapshot and a Roles Anywhere profile's session policy as a layer.
/// </summary>
public sealed class CanDoCommandTests
{
    private static readonly string Assembly = Path.Combine(RepositoryPaths.Root, "tests", "EdgeIam.Policy.Tests", "Fixtures", "Assembly");

    private static CliResult CanDo(params string[] args) => CliRunner.Run(["can-do", "--assembly", Assembly, "--stack", "dev", .. args]);

    [Fact]
    public void An_AWS_managed_policy_from_the_snapshot_grants_what_no_inline_statement_names()
    {
        var result = CanDo("--role", "OpsBreakGlassDev", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::any-bucket/any-key");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("can-do: OpsBreakGlassDev in EdgeIam-dev: Allowed for s3:GetObject on arn:aws:s3:::any-bucket/any-key\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("    AWS managed ReadOnlyAccess: Allow ", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("RebootEdgeInstances", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_profile_session_is_narrowed_by_its_session_policy_and_a_policy_variable_needs_its_key()
    {
        const string Object = "arn:aws:s3:::edge-telemetry-dev-111111111111/devices/sensor-1/frame.jpg";
        var own = CanDo("--role", "EdgeDeviceRole", "--session", "profile:edge-device", "--action", "s3:PutObject", "--resource", Object, "--context", "aws:PrincipalTag/x509Subject/CN=sensor-1");
        var other = CanDo("--role", "EdgeDeviceRole", "--session", "profile:edge-device", "--action", "s3:PutObject", "--resource", Object, "--context", "aws:PrincipalTag/x509Subject/CN=sensor-2");
        var iam = CanDo("--role", "EdgeDeviceRole", "--session", "profile:edge-device", "--action", "iam:PassRole", "--resource", "*");

        Assert.Equal(ExitCodes.Ok, own.ExitCode);
        Assert.Contains("profile edge-device session policy: Allow EverythingElse ($.Statement[1])", own.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Findings, other.ExitCode);
        Assert.Contains("ImplicitlyDenied for s3:PutObject", other.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Findings, iam.ExitCode);
        Assert.Contains("ExplicitlyDenied for iam:PassRole on *", iam.Out, StringComparison.Ordinal);
        Assert.Contains("profile edge-device session policy: Deny NoIdentityChanges ($.Statement[0])", iam.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_names_every_layer_and_the_deciding_statements()
    {
        var result = CanDo("--role", "EdgeDeviceRole", "--session", "profile:edge-device", "--action", "iam:PassRole", "--resource", "*", "--format", "json");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(("edgeiam can-do", "ExplicitlyDenied", false, true), (root.GetProperty("tool").GetString(), root.GetProperty("outcome").GetString(), root.GetProperty("allowed").GetBoolean(), root.GetProperty("proved").GetBoolean()));
        Assert.Equal(("profile:edge-device", "iam:PassRole"), (root.GetProperty("session").GetString(), root.GetProperty("request").GetProperty("action").GetString()));
        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["Identity", "SessionPolicy"], layers.Select(l => l.GetProperty("layer").GetString()));
        var deny = Assert.Single(layers[1].GetProperty("denying").EnumerateArray());
        Assert.Equal(("NoIdentityChanges", "Deny"), (deny.GetProperty("sid").GetString(), deny.GetProperty("effect").GetString()));
    }

    [Theory]
    [InlineData(new[] { "--role", "Nope", "--action", "s3:GetObject", "--resource", "*" }, "no role \"Nope\" in EdgeIam-dev; roles: ")]
    [InlineData(new[] { "--role", "GitHubPlan", "--action", "s3:GetObjcet", "--resource", "*" }, "did you mean 's3:GetObject'?")]
    [InlineData(new[] { "--role", "GitHubPlan", "--action", "s3:Get*", "--resource", "*" }, "is a pattern; can-do decides one request")]
    [InlineData(new[] { "--role", "GitHubPlan", "--action", "s3:GetObject", "--resource", "bucket/key" }, "is not an ARN")]
    [InlineData(new[] { "--role", "EdgeDeviceRole", "--session", "edge-device", "--action", "s3:GetObject", "--resource", "*" }, "is not profile:NAME")]
    [InlineData(new[] { "--role", "EdgeDeviceRole", "--session", "profile:nope", "--action", "s3:GetObject", "--resource", "*" }, "no Roles Anywhere profile \"nope\"")]
    [InlineData(new[] { "--role", "FactoryControllerRole", "--session", "profile:edge-device", "--action", "s3:GetObject", "--resource", "*" }, "profile edge-device does not list role FactoryControllerRole")]
    [InlineData(new[] { "--role", "GitHubPlan", "--action", "s3:GetObject", "--resource", "*", "--context", "novalue" }, "is not KEY=VALUE")]
    public void Bad_input_is_exit_two_naming_the_fix(string[] args, string expected)
    {
        var result = CanDo(args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }
}
