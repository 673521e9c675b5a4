using System.Text.Json.Nodes;
using EdgeIam.Config.Reading;
using EdgeIam.Config.Stack;
using EdgeIam.Config.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgeIam.Config.Tests.Stack;

/// <summary>
/// <c>permissionsBoundaryDocument</c>: the document of a customer managed boundary, given so the permission side can
/// evaluate it. Checked at load like every other input: the file must be a readable regular file, its JSON an IAM
/// policy by the engine's rules (duplicate keys refused), an identity-based one, and within IAM's 6,144-character
/// managed policy limit (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html); every problem
/// is reported at the key's line, all at once.
/// </summary>
public sealed class PermissionsBoundaryDocumentTests
{
    private const string Arn = "arn:aws:iam::111111111111:policy/EdgeBoundary";
    private const string Boundary = StackFiles.Minimal + "permissionsBoundary: " + Arn + "\npermissionsBoundaryDocument: boundaries/edge.json\n";
    private const string ReadsOnly = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "OnlyReads", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
          ]
        }
        """;

    private static string At(string relative) => Path.GetFullPath(Path.Combine("stacks", relative));

    private static Dictionary<string, string> Document(string json) => new() { [At("boundaries/edge.json")] = json };

    private static List<Diagnostics.ConfigDiagnostic> Errors(string yaml, IReadOnlyDictionary<string, string>? files = null) =>
        [.. StackFiles.Load(yaml, files).Diagnostics.Where(d => d.IsError)];

    [Fact]
    public void A_boundary_document_is_read_with_the_arn_it_belongs_to()
    {
        var stack = StackFiles.Valid(Boundary, Document(ReadsOnly));

        var document = stack.PermissionsBoundaryDocument!;
        Assert.Equal((Arn, "boundaries/edge.json"), (document.Arn, document.File));
        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Sid":"OnlyReads","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""", document.Json);
        Assert.Equal(Arn, stack.PermissionsBoundary);
    }

    [Fact]
    public void The_metadata_carries_the_arn_the_file_and_the_document()
    {
        var document = StackFiles.Valid(Boundary, Document(ReadsOnly)).PermissionsBoundaryDocument!;

        var metadata = document.ToMetadata();

        Assert.Equal("edgeiam:permissionsBoundary", PermissionsBoundaryDocument.MetadataKey);
        Assert.Equal(["arn", "file", "document"], metadata.Select(p => p.Key));
        Assert.Equal(document.Json, metadata["document"]!.GetValue<string>());
    }

    [Fact]
    public void Without_the_key_there_is_no_document_and_the_plain_arn_still_works()
    {
        var stack = StackFiles.Valid(StackFiles.Minimal + "permissionsBoundary: " + Arn + "\n");

        Assert.Null(stack.PermissionsBoundaryDocument);
        Assert.Equal(Arn, stack.PermissionsBoundary);
    }

    [Fact]
    public void A_missing_file_is_an_error_at_the_key()
    {
        var error = StackFiles.SingleError(Boundary);

        Assert.Equal(("permissionsBoundaryDocument", 4, 30), (error.KeyPath, error.Line, error.Column));
        Assert.StartsWith($"boundary document 'boundaries/edge.json' does not exist (looked for {At("boundaries/edge.json")})", error.Message, StringComparison.Ordinal);
        Assert.Contains("the policy document of " + Arn, error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_without_a_permissions_boundary_is_ignored_with_a_warning()
    {
        var result = StackFiles.Load(StackFiles.Minimal + "permissionsBoundaryDocument: boundaries/missing.json\n");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics, d => d.KeyPath == "permissionsBoundaryDocument");
        Assert.False(warning.IsError);
        Assert.Equal("a boundary document without `permissionsBoundary` is ignored: no role has a boundary for it to describe", warning.Message);
        Assert.Null(Assert.Single(result.Stacks).PermissionsBoundaryDocument);
    }

    [Fact]
    public void A_document_for_an_aws_managed_boundary_is_an_error()
    {
        var error = StackFiles.SingleError(
            StackFiles.Minimal + "permissionsBoundary: arn:aws:iam::aws:policy/PowerUserAccess\npermissionsBoundaryDocument: boundaries/edge.json\n", Document(ReadsOnly));

        Assert.Equal("permissionsBoundaryDocument", error.KeyPath);
        Assert.StartsWith("arn:aws:iam::aws:policy/PowerUserAccess is an AWS managed policy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_arn_and_a_bad_document_are_reported_together()
    {
        var errors = Errors(StackFiles.Minimal + "permissionsBoundary: EdgeBoundary\npermissionsBoundaryDocument: boundaries/edge.json\n", Document("[]"));

        Assert.Equal(["permissionsBoundary", "permissionsBoundaryDocument"], errors.Select(e => e.KeyPath));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[]", "a policy document must be a JSON object")]
    [InlineData("""{"Version": "2012-10-17"}""", "a policy document needs a \"Statement\"")]
    [InlineData("""{"Version": "2012-10-17", "Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}]}""", "Effect")]
    [InlineData("""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Resource": "arn:aws:s3:::b/*"}]}""", "Resource")]
    [InlineData("""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}""", "identity-based policy, which IAM refuses with a \"Principal\"")]
    [InlineData("""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}""", "needs a \"Resource\" or \"NotResource\"")]
    [InlineData("""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "${Bucket.Arn}/*"}]}""", "'${Bucket.Arn}' is a CloudFormation value")]
    public void A_document_that_is_not_a_boundary_policy_is_an_error_naming_the_file_and_the_json_path(string json, string expected)
    {
        var error = StackFiles.SingleError(Boundary, Document(json));

        Assert.Equal(("permissionsBoundaryDocument", 4), (error.KeyPath, error.Line));
        Assert.StartsWith("boundary document 'boundaries/edge.json'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_are_refused_naming_their_path_in_the_document()
    {
        var error = StackFiles.SingleError(Boundary, Document("""
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
              ],
              "Version": "2008-10-17"
            }
            """));

        Assert.StartsWith("boundary document 'boundaries/edge.json' at $.Version: duplicate key \"Version\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_the_document_is_reported_at_once()
    {
        var errors = Errors(Boundary, Document("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"},
              {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Colour": "red"}]}
            """));

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("permissionsBoundaryDocument", e.KeyPath));
        Assert.StartsWith("boundary document 'boundaries/edge.json' at $.Statement[0].Effect: ", errors[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("boundary document 'boundaries/edge.json' at $.Statement[1]", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotAction_and_Deny_are_allowed_in_a_boundary()
    {
        var stack = StackFiles.Valid(Boundary, Document("""
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Everything", "Effect": "Allow", "Action": "*", "Resource": "*"},
              {"Sid": "NoIam", "Effect": "Deny", "NotAction": ["s3:*", "kinesis:*"], "NotResource": "arn:aws:s3:::edge-*"},
              {"Sid": "Mfa", "Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}},
              {"Sid": "Own", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::edge/${aws:username}/*"}]}
            """));

        Assert.Contains("\"NotAction\":[\"s3:*\",\"kinesis:*\"]", stack.PermissionsBoundaryDocument!.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_document_may_hold_at_most_6144_characters_without_whitespace()
    {
        // {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"..."}]} is 95 characters besides the resource.
        static string WithResource(int length) =>
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::"
            + new string('b', length - "arn:aws:s3:::".Length) + "\"}]\n}";
        var fits = WithResource(6144 - 95);
        var over = WithResource(6144 - 95 + 1);

        StackFiles.Valid(Boundary, Document(fits + new string(' ', 4000)));
        var error = StackFiles.SingleError(Boundary, Document(over));
        Assert.Contains("6145 characters without whitespace; IAM allows a managed policy at most 6,144", error.Message, StringComparison.Ordinal);
        Assert.Contains("reference_iam-quotas.html", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_file_is_an_error_at_the_key()
    {
        var files = new Moq.Mock<IFileSource>(Moq.MockBehavior.Strict);
        var stackFile = Path.Combine("stacks", "dev.yaml");
        files.Setup(f => f.FileExists(Moq.It.IsAny<string>())).Returns((string p) => p == stackFile || p == At("boundaries/edge.json"));
        files.Setup(f => f.ReadAllText(stackFile)).Returns(Boundary);
        files.Setup(f => f.ReadAllText(At("boundaries/edge.json"))).Throws(new IOException("permission denied"));

        var result = new StackConfigLoader(new FakeTimeProvider(StackFiles.Now), files.Object).LoadFile(stackFile);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("boundary document 'boundaries/edge.json' cannot be read: permission denied", error.Message);
    }

    /// <summary>The real file system: what the input-file guard refuses before a byte is read.</summary>
    public sealed class OnDisk : IDisposable
    {
        private readonly TempFolder _temp = TempFolder.Create("edgeiam-boundary-");

        public void Dispose() => _temp.Dispose();

        private StackLoadResult Load(Action<string> arrange)
        {
            var stacks = Directory.CreateDirectory(_temp.Combine("stacks")).FullName;
            Directory.CreateDirectory(Path.Combine(stacks, "boundaries"));
            arrange(Path.Combine(stacks, "boundaries", "edge.json"));
            var stackFile = Path.Combine(stacks, "dev.yaml");
            File.WriteAllText(stackFile, Boundary);
            return new StackConfigLoader(new FakeTimeProvider(StackFiles.Now)).LoadFile(stackFile);
        }

        [Fact]
        public void A_regular_file_loads()
        {
            var result = Load(path => File.WriteAllText(path, ReadsOnly));

            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            Assert.NotNull(Assert.Single(result.Stacks).PermissionsBoundaryDocument);
        }

        [Fact]
        public void A_directory_is_refused()
        {
            var result = Load(path => Directory.CreateDirectory(path));

            var error = Assert.Single(result.Diagnostics, d => d.IsError);
            Assert.Equal("permissionsBoundaryDocument", error.KeyPath);
            Assert.Equal("boundary document 'boundaries/edge.json' is a directory, not a file", error.Message);
        }

        [Fact]
        public void A_huge_file_is_refused_before_it_is_read()
        {
            var result = Load(path => File.WriteAllBytes(path, new byte[(1024 * 1024) + 1]));

            var error = Assert.Single(result.Diagnostics, d => d.IsError);
            Assert.Contains("boundary document 'boundaries/edge.json' is 1048577 bytes; a stack file, certificate, CRL or boundary document may be at most 1 MiB", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_fifo_is_refused_without_blocking()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            var result = Load(path => System.Diagnostics.Process.Start("mkfifo", [path])!.WaitForExit());

            var error = Assert.Single(result.Diagnostics, d => d.IsError);
            Assert.StartsWith("boundary document 'boundaries/edge.json' is a FIFO (named pipe)", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_file_that_is_not_utf8_is_refused()
        {
            var result = Load(path => File.WriteAllBytes(path, [0x7B, 0xFF, 0x7D]));

            var error = Assert.Single(result.Diagnostics, d => d.IsError);
            Assert.Contains("is not valid UTF-8", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Json_node_of_the_metadata_is_plain_strings()
    {
        var metadata = StackFiles.Valid(Boundary, Document(ReadsOnly)).PermissionsBoundaryDocument!.ToMetadata();

        Assert.All(metadata, p => Assert.IsAssignableFrom<JsonValue>(p.Value));
    }
}
