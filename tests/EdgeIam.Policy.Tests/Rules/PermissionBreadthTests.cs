using CsCheck;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Rules;

namespace EdgeIam.Policy.Tests.Rules;

/// <summary>Breadth is judged by what a pattern matches, so no spelling of "everything" slips past EIAM-PERM-001.</summary>
public sealed class PermissionBreadthTests
{
    [Theory]
    [InlineData("*")]
    [InlineData("arn:*")]
    [InlineData("arn:aws:*")]
    [InlineData("arn:*:*:*:*:*")]
    [InlineData("arn:aws:ec2:*:*:*")]
    [InlineData("arn:aws:ec2:*:*:*/*")]
    [InlineData("arn:aws:ec2:us-east-1:111122223333:*")]
    [InlineData("arn:aws:s3:::*")]
    [InlineData("arn:aws:s3:::*/*")]
    [InlineData("arn:aws:s3:*")]
    [InlineData("arn:aws-cn:iam::*:*")]
    [InlineData("arn:???:s3:::*")]
    public void Patterns_that_leave_the_resource_open_cover_every_resource(string pattern) =>
        Assert.True(PermissionBreadth.CoversEveryResource(pattern));

    [Theory]
    [InlineData("arn:aws:s3:::acme-edge-artifacts-dev/*")]
    [InlineData("arn:aws:s3:::acme-*")]
    [InlineData("arn:aws:iam::*:role/*")]
    [InlineData("arn:aws:ec2:*:*:instance/*")]
    [InlineData("arn:aws:s3:::${aws:username}")]
    [InlineData("arn:aws:s3:::${aws:PrincipalTag/bucket}/*")]
    [InlineData("arn:aws:s3:::bucket?")]
    public void Patterns_limited_to_a_type_or_name_do_not(string pattern) =>
        Assert.False(PermissionBreadth.CoversEveryResource(pattern));

    [Theory]
    [InlineData("*", true, true)]
    [InlineData("*:*", true, true)]
    [InlineData("*:*?", true, true)]
    [InlineData("s3:*", false, true)]
    [InlineData("S3:*", false, true)]
    [InlineData("s3:*?", false, true)]
    [InlineData("s3:Put*", false, false)]
    [InlineData("s3:GetObject", false, false)]
    public void Action_breadth(string pattern, bool everyAction, bool serviceWide)
    {
        Assert.Equal(everyAction, PermissionBreadth.CoversEveryAction(pattern));
        Assert.Equal(serviceWide, PermissionBreadth.CoversServiceActions(pattern));
    }

    [Theory]
    [InlineData("ec2:TerminateInstances", "arn:*", "ec2:TerminateInstances on Resource \"arn:*\", which leaves the resource open")]
    [InlineData("ec2:TerminateInstances", "arn:aws:ec2:*:*:*", "ec2:TerminateInstances on Resource \"arn:aws:ec2:*:*:*\", which leaves the resource open")]
    [InlineData("s3:PutObject", "*", "s3:PutObject on Resource \"*\"")]
    [InlineData("*:*", "arn:aws:s3:::bucket/*", "Action \"*:*\" allows every action")]
    [InlineData("s3:*", "arn:aws:s3:::bucket/*", "s3:* allows every matching write action")]
    public void Describe_names_what_is_too_broad(string action, string resource, string expected)
    {
        Assert.Equal(expected, PermissionBreadth.Describe([action], false, [resource], false, out _));
    }

    [Fact]
    public void Every_action_on_an_open_resource_is_full_admin_however_spelled()
    {
        PermissionBreadth.Describe(["*:*"], false, ["arn:*"], false, out var fullAdmin);
        Assert.True(fullAdmin);
        PermissionBreadth.Describe(["s3:GetObject"], true, ["arn:aws:s3:::b"], true, out fullAdmin);
        Assert.True(fullAdmin);
        PermissionBreadth.Describe(["*"], false, ["arn:aws:s3:::b/*"], false, out fullAdmin);
        Assert.False(fullAdmin);
    }

    [Fact]
    public void Reads_on_specific_resources_are_not_broad() =>
        Assert.Null(PermissionBreadth.Describe(["s3:GetObject", "ec2:Describe*"], false, ["arn:aws:s3:::b/*", "*"], false, out _));

    /// <summary>
    /// Soundness of the probe: judged open must match every generated ARN of the service, partition and region it names.
    /// </summary>
    [Fact]
    public void A_resource_judged_open_matches_every_arn_it_could_name()
    {
        var segment = Gen.OneOf(Gen.Const("*"), Gen.Const(string.Empty), Gen.Const("?*"), Gen.String[Gen.Char["a-z0-9-"], 1, 6], Gen.Const("a*"));
        var resourcePart = Gen.OneOf(Gen.Const("*"), Gen.Const("*/*"), Gen.String[Gen.Char["a-z/-"], 1, 8], Gen.Const("x*"));
        var pattern = Gen.Select(segment, Gen.OneOf(Gen.Const("s3"), Gen.Const("ec2"), Gen.Const("*")), segment, segment, resourcePart)
            .Select((p, s, r, a, res) => $"arn:{(p.Length == 0 ? "aws" : p)}:{s}:{r}:{a}:{res}");
        // Resource parts are "type/id", optionally with a ":qualifier"; an open pattern must match every one of them.
        var word = Gen.String[Gen.Char["a-zA-Z0-9._-"], 1, 12];
        var resourceName = Gen.Select(word, word, Gen.OneOf(Gen.Const(string.Empty), word.Select(w => ":" + w)))
            .Select((type, id, qualifier) => type + "/" + id + qualifier);

        Gen.Select(pattern, resourceName).Sample((p, name) =>
        {
            if (!PermissionBreadth.CoversEveryResource(p))
            {
                return;
            }

            // Fill the pattern's non-resource segments as the probe does, then any resource name must match.
            var parts = p.Split(':', 6);
            string Fill(string s) => s.Replace("*", string.Empty, StringComparison.Ordinal).Replace('?', 'x');
            var arn = $"arn:{Fill(parts[1])}:{(parts[2] == "*" ? "svc" : Fill(parts[2]))}:{Fill(parts[3])}:{Fill(parts[4])}:{name}";
            Assert.True(ArnPattern.Compile(p).IsMatch(arn), $"{p} judged open but does not match {arn}");
        }, iter: 5_000);
    }
}
