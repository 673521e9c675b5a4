namespace EdgeIam.App.Tests.Commands;

/// <summary>
/// A customer managed permissions boundary evaluated end to end: the stack file gives its document
/// (<c>permissionsBoundaryDocument</c>), synth carries it into the template's Metadata with the ARN, and
/// <c>can-do</c> on the cloud assembly decides with it, naming it as given in the stack file. The shipped prod stack,
/// a copy of which is synthesized once for the class, gives no document, so there the boundary stays unknown.
/// </summary>
public sealed class CanDoBoundaryTests : IClassFixture<CanDoBoundaryTests.Synthesized>
{
    private const string Arn = "arn:aws:iam::111111111111:policy/EdgeIamBoundary";
    private const string Given = $"customer managed, as given in the stack file (boundaries/edge.json) {Arn}";

    private readonly Synthesized _synth;

    private const string ShippedDocument = "permissionsBoundaryDocument: boundaries/edgeiam-boundary.json\n";

    public CanDoBoundaryTests(Synthesized synth)
    {
        _synth = synth;
    }

    public sealed class Synthesized
    {
        public Synthesized()
        {
            var stacks = CliRunner.CopyOfStacks();
            var prod = Path.Combine(stacks, "prod.yaml");
            File.WriteAllText(prod, File.ReadAllText(prod).Replace(ShippedDocument, "permissionsBoundaryDocument: boundaries/edge.json\n", StringComparison.Ordinal));
            Directory.CreateDirectory(Path.Combine(stacks, "boundaries"));
            File.WriteAllText(Path.Combine(stacks, "boundaries", "edge.json"), """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Sid": "EdgeArtifacts", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::acme-edge-artifacts-prod/*"},
                    {"Sid": "AssumeBootstrapRoles", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"},
                    {"Sid": "OnlyS3AndSts", "Effect": "Deny", "NotAction": ["s3:*", "sts:*"], "Resource": "*"}
                  ]
                }
                """);
            Result = CliRunner.Run("synth", "--stack", "prod", "--config-dir", stacks, "--out", Out);
        }

        public string Out { get; } = CliRunner.NewTempPath();

        public CliResult Result { get; }
    }

    private CliResult CanDo(params string[] args)
    {
        Assert.True(_synth.Result.ExitCode == 0, _synth.Result.Error);
        return CliRunner.Run(["can-do", "--assembly", _synth.Out, "--stack", "prod", .. args]);
    }

    [Fact]
    public void Allowed_only_when_the_identity_policy_and_the_given_boundary_both_allow()
    {
        var result = CanDo("--role", "GitHubDeployProd", "--action", "s3:PutObject", "--resource", "arn:aws:s3:::acme-edge-artifacts-prod/app.zip");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        Assert.StartsWith("can-do: GitHubDeployProd in EdgeIam-prod: Allowed for s3:PutObject", result.Out, StringComparison.Ordinal);
        Assert.Contains($"  permissions boundary: allows\n    {Given}: Allow EdgeArtifacts ($.Statement[0])\n", result.Out, StringComparison.Ordinal);
        Assert.Contains($"  note: the permissions boundary {Arn} is evaluated as given in the stack file (boundaries/edge.json); EdgeIam cannot check offline that the account's policy says the same\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_boundary_does_not_allow_is_implicitly_denied()
    {
        var result = CanDo("--role", "video-analytics", "--action", "s3:PutObject", "--resource", "arn:aws:s3:::edgeiam-prod-frames/video-analytics/frame.jpg");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.StartsWith("can-do: video-analytics in EdgeIam-prod: ImplicitlyDenied for s3:PutObject", result.Out, StringComparison.Ordinal);
        Assert.Contains("  identity policies: allows\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("  permissions boundary: does not allow\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_NotAction_deny_in_the_boundary_denies_explicitly()
    {
        var result = CanDo("--role", "EdgeDeviceRole", "--action", "kinesis:PutRecord", "--resource", "arn:aws:kinesis:us-east-1:111111111111:stream/edge-telemetry-prod");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Contains("ExplicitlyDenied for kinesis:PutRecord", result.Out, StringComparison.Ordinal);
        Assert.Contains($"  permissions boundary: denies\n    {Given}: Deny OnlyS3AndSts ($.Statement[2])\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_carries_the_document_with_its_arn()
    {
        using var template = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_synth.Out, "EdgeIam-prod.template.json")));
        var metadata = template.RootElement.GetProperty("Metadata").GetProperty("edgeiam:permissionsBoundary");

        Assert.True(_synth.Result.ExitCode == 0, _synth.Result.Error);
        Assert.Equal(Arn, metadata.GetProperty("arn").GetString());
        Assert.Equal("boundaries/edge.json", metadata.GetProperty("file").GetString());
        Assert.StartsWith("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EdgeArtifacts\"", metadata.GetProperty("document").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_document_the_customer_managed_boundary_cannot_be_proved()
    {
        // The shipped prod stack gives its boundary's document: without that Metadata the boundary is unknown.
        var fixture = CliRunner.NewTempPath();
        Directory.CreateDirectory(fixture);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "EdgeIam.Policy.Tests", "Fixtures", "Assembly")))
        {
            File.Copy(file, Path.Combine(fixture, Path.GetFileName(file)));
        }

        var template = Path.Combine(fixture, "EdgeIam-prod.template.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(template))!;
        Assert.True(json["Metadata"]!.AsObject().Remove("edgeiam:permissionsBoundary"));
        File.WriteAllText(template, json.ToJsonString());

        var result = CliRunner.Run("can-do", "--assembly", fixture, "--stack", "prod", "--role", "GitHubDeployProd", "--action", "s3:PutObject", "--resource", "arn:aws:s3:::acme-edge-artifacts-prod/app.zip");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Contains("CannotProve for s3:PutObject", result.Out, StringComparison.Ordinal);
        Assert.Contains("  permissions boundary: cannot be proved\n", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("as given in the stack file", result.Out, StringComparison.Ordinal);
        Assert.Contains("a stack file gives the boundary's document with `permissionsBoundaryDocument`", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_boundary_document_stops_synth_at_the_key()
    {
        var stacks = CliRunner.CopyOfStacks();
        var prod = Path.Combine(stacks, "prod.yaml");
        File.WriteAllText(prod, File.ReadAllText(prod).Replace(ShippedDocument, "permissionsBoundaryDocument: boundaries/edge.json\n", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(stacks, "boundaries", "edge.json"));
        var output = CliRunner.NewTempPath();

        var result = CliRunner.Run("synth", "--stack", "prod", "--config-dir", stacks, "--out", output);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Matches(@"prod\.yaml:9:30: error: permissionsBoundaryDocument: boundary document 'boundaries/edge.json' is a directory, not a file", result.Error);
        Assert.False(Directory.Exists(output));
    }
}
