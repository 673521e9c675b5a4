using System.Globalization;
using EdgeIam.Config.Reading;
using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config.Stack;

/// <summary>
/// Reads a stack file's <c>targets:</c> (the accounts and regions one definition is deployed to) before the
/// per-target documents are built: the list's shape, each target's account and region (the same rules as the
/// top-level ones; an omitted one defaults to the top level), and no two targets with the same account and region.
/// The targets' <c>overrides</c> are merged and checked per target (<see cref="OverrideMerge"/>).
/// </summary>
internal static class TargetsParser
{
    public const string Key = "targets";

    public const string OverridesKey = "overrides";

    internal static readonly KeySet Keys = new("targets[]", "account", "region", OverridesKey);

    /// <summary>CloudFormation's limit on a stack name (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).</summary>
    public const int MaxStackNameLength = 128;

    /// <summary>A target whose account and region are known (its own or the top level's).</summary>
    public sealed record Entry(int Index, string KeyPath, string Account, string Region, YamlNode Node);

    /// <summary>
    /// The usable targets of <paramref name="root"/>, in file order; errors for the rest go to the root's context.
    /// Null when the file has no <c>targets</c> key (one stack, as always).
    /// </summary>
    public static IReadOnlyList<Entry>? Parse(MappingReader root, string stackName)
    {
        if (!root.Has(Key))
        {
            return null;
        }

        var topAccount = TopLevelText(root, "account");
        var topRegion = TopLevelText(root, "region");
        var entries = root.Items(Key, Keys, target => ParseTarget(target, topAccount, topRegion, stackName), required: true,
            fix: "list each account and region to deploy to: `targets: [{account: \"111111111111\", region: us-east-1}, ...]`, or remove `targets:` to deploy to the top-level account and region only.",
            emptyMessage: "lists no target, so the stack file would deploy nowhere");

        var first = new Dictionary<(string, string), Entry>();
        var usable = new List<Entry>();
        foreach (var entry in entries)
        {
            if (first.TryGetValue((entry.Account, entry.Region), out var earlier))
            {
                root.Context.Error(entry.Node, entry.KeyPath,
                    $"deploys to {entry.Account}/{entry.Region}, like {earlier.KeyPath}; one stack file has one stack per account and region",
                    "remove one of the two targets (put what differs between them in one target's overrides).");
                continue;
            }

            first[(entry.Account, entry.Region)] = entry;
            usable.Add(entry);
        }

        return usable;
    }

    /// <summary>The CloudFormation stack name of a target (<see cref="StackConfig.CloudFormationStackName"/>).</summary>
    public static string StackName(string stackName, string account, string region) => $"EdgeIam-{stackName}-{account}-{region}";

    private static Entry? ParseTarget(MappingReader target, string? topAccount, string? topRegion, string stackName)
    {
        var account = target.Matching("account", StackFileParser.AccountPattern(), StackFileParser.AccountWhat, StackFileParser.AccountFix);
        var region = StackFileParser.ParseRegion(target, required: false);
        var valid = true;
        if (!target.Has("account") && topAccount is null)
        {
            target.Missing("account", "give the target an `account:`, or give the stack file a top-level `account:` the targets default to.");
            valid = false;
        }

        if (!target.Has("region") && topRegion is null)
        {
            target.Missing("region", "give the target a `region:`, or give the stack file a top-level `region:` the targets default to.");
            valid = false;
        }

        if (!valid || (target.Has("account") && account is null) || (target.Has("region") && region is null))
        {
            return null;
        }

        account ??= topAccount!;
        region ??= topRegion!;
        var cloudFormationName = StackName(stackName, account, region);
        if (cloudFormationName.Length > MaxStackNameLength)
        {
            target.Context.Error(target.Node, target.Path,
                string.Create(CultureInfo.InvariantCulture, $"the CloudFormation stack name '{cloudFormationName}' is {cloudFormationName.Length} characters, over CloudFormation's {MaxStackNameLength}"),
                string.Create(CultureInfo.InvariantCulture, $"shorten the stack file's name by {cloudFormationName.Length - MaxStackNameLength} characters."));
            return null;
        }

        return new Entry(IndexOf(target.Path), target.Path, account, region, target.Node);
    }

    /// <summary>The top-level text of <paramref name="key"/> when it is a plain value (its rules are checked by the normal parse).</summary>
    private static string? TopLevelText(MappingReader root, string key) =>
        root.Value(key) is YamlScalarNode { Value: { Length: > 0 } text } scalar && !MappingReader.IsNull(scalar) ? text : null;

    private static int IndexOf(string itemPath) =>
        int.Parse(itemPath[(itemPath.LastIndexOf('[') + 1)..^1], CultureInfo.InvariantCulture);
}
