using CsCheck;
using EdgeIam.Config.Diagnostics;
using EdgeIam.Config.Federation;
using EdgeIam.Config.Iam;
using EdgeIam.Config.Placement;
using EdgeIam.Config.Stack;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Placement;

public sealed class TemplatePlannerTests
{
    private const string LockFile = "stacks/dev.lock.json";

    private static readonly StackConfig Base = StackFiles.Valid(StackFiles.Minimal + """
        crossAccount:
          - name: Plain
            trustedAccounts: ["222222222222"]
            externalId: ext-plain
            managedPolicies: [ReadOnlyAccess]
          - name: WithPolicy
            trustedAccounts: ["222222222222"]
            externalId: ext-policy
            permissions:
              - sid: Read
                actions: [s3:GetObject]
                resources: ["arn:aws:s3:::b/*"]
        """);

    /// <summary>A stack of cross-account roles named <paramref name="names"/>, each 1 resource, or 2 when its name is in <paramref name="withPolicy"/>.</summary>
    private static StackConfig Stack(IEnumerable<string> names, ISet<string>? withPolicy = null) => Base with
    {
        CrossAccount = [.. names.Select((name, i) => (withPolicy?.Contains(name) ?? false ? Base.CrossAccount[1] : Base.CrossAccount[0]) with
        {
            Name = name,
            KeyPath = $"crossAccount[{i}]",
        })],
    };

    private static IEnumerable<string> Names(int count, string prefix = "R") => Enumerable.Range(0, count).Select(i => prefix + i);

    private static string Key(string name) => PlacementItems.Key(PlacementItems.CrossAccountRoles, name);

    private static TemplatePlacement Plan(StackConfig stack, IReadOnlyDictionary<string, int>? locked)
    {
        var (placement, errors) = TemplatePlanner.Plan(stack, locked, LockFile);
        Assert.Empty(errors);
        return placement;
    }

    [Fact]
    public void A_stack_that_fits_one_template_and_has_no_lock_stays_one_template()
    {
        var placement = Plan(Stack(Names(450)), null);

        Assert.Empty(placement.Shards);
        Assert.All(Names(450), n => Assert.Equal(0, placement.TemplateOf(Key(n))));
        Assert.Equal(new TemplateCost(450, 0), placement.Estimates[0]);
    }

    [Fact]
    public void A_stack_over_the_quota_fills_each_template_to_the_target_in_stack_file_order()
    {
        var placement = Plan(Stack(Names(1000)), null);

        // 1000 one-resource roles: 400 in the top level (which then also holds a stack resource per shard), 400, 200.
        Assert.Equal([1, 2], placement.Shards);
        Assert.Equal(0, placement.TemplateOf(Key("R0")));
        Assert.Equal(0, placement.TemplateOf(Key("R399")));
        Assert.Equal(1, placement.TemplateOf(Key("R400")));
        Assert.Equal(2, placement.TemplateOf(Key("R999")));
        Assert.Equal(new TemplateCost(402, 0), placement.Estimates[0]);
        Assert.Equal(new TemplateCost(400, 0), placement.Estimates[1]);
        Assert.Equal(1000, placement.Estimates.Values.Sum(c => c.Resources) - placement.Shards.Count);
    }

    [Fact]
    public void A_role_added_to_a_full_stack_goes_to_the_first_template_with_room_and_moves_nothing()
    {
        var first = Plan(Stack(Names(1000)), null);
        var second = Plan(Stack(["New", .. Names(1000)]), first.Assignments);

        Assert.All(first.Assignments, a => Assert.Equal(a.Value, second.TemplateOf(a.Key)));
        Assert.Equal(2, second.TemplateOf(Key("New")));
    }

    [Fact]
    public void When_every_template_is_full_a_new_shard_opens_and_the_top_level_counts_its_stack_resource()
    {
        var first = Plan(Stack(Names(1200)), null);
        Assert.Equal([1, 2], first.Shards);
        Assert.Equal(new TemplateCost(400, 0), first.Estimates[2]);

        var second = Plan(Stack(["Next", .. Names(1200)]), first.Assignments);

        Assert.Equal([1, 2, 3], second.Shards);
        Assert.Equal(3, second.TemplateOf(Key("Next")));
        Assert.Equal(new TemplateCost(403, 0), second.Estimates[0]);
    }

    [Fact]
    public void A_shard_emptied_by_removals_disappears_and_the_others_keep_their_numbers()
    {
        var first = Plan(Stack(Names(1000)), null);
        var kept = Names(1000).Where(n => first.TemplateOf(Key(n)) != 1).ToList();

        var second = Plan(Stack(kept), first.Assignments);

        Assert.Equal([2], second.Shards);
        Assert.All(kept, n => Assert.Equal(first.TemplateOf(Key(n)), second.TemplateOf(Key(n))));
    }

    [Fact]
    public void Locked_items_that_grew_past_the_quota_are_an_error_naming_the_template_the_lock_file_and_an_item_to_move()
    {
        var first = Plan(Stack(Names(1000)), null);
        var grown = Names(1000).Where(n => first.TemplateOf(Key(n)) == 1).Take(101).ToHashSet();

        var (_, errors) = TemplatePlanner.Plan(Stack(Names(1000), grown), first.Assignments, LockFile);

        var error = Assert.Single(errors);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("template Shard1 of stack EdgeIam-dev would hold 501 resources", error.Message, StringComparison.Ordinal);
        Assert.Contains(LockFile, error.Fix, StringComparison.Ordinal);
        Assert.Contains("crossAccount/R", error.Fix, StringComparison.Ordinal);
        Assert.StartsWith("crossAccount[", error.KeyPath, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lock_that_names_every_item_in_the_top_level_keeps_them_there_and_new_items_open_a_shard()
    {
        var locked = Names(450).ToDictionary(Key, _ => 0);

        var placement = Plan(Stack([.. Names(450), "New"]), locked);

        Assert.All(Names(450), n => Assert.Equal(0, placement.TemplateOf(Key(n))));
        Assert.Equal(1, placement.TemplateOf(Key("New")));
    }

    [Fact]
    public void Planning_is_deterministic()
    {
        var stack = Stack(Names(1300), Names(1300).Where((_, i) => i % 3 == 0).ToHashSet());
        var a = Plan(stack, null);
        var b = Plan(stack, null);

        Assert.Equal(PlacementLock.Render(new Dictionary<string, TemplatePlacement> { ["s"] = a }), PlacementLock.Render(new Dictionary<string, TemplatePlacement> { ["s"] = b }));
    }

    /// <summary>
    /// Any history of additions (anywhere in the file) and removals, each synth reading the lock the previous one
    /// wrote: no item that survives a step ever changes template, every item is placed once, and no template's
    /// estimate crosses CloudFormation's quotas.
    /// </summary>
    [Fact]
    public void Across_any_history_of_additions_and_removals_no_surviving_item_ever_moves()
    {
        var step = Gen.Select(Gen.Bool, Gen.Int[0, 400], Gen.Int[1, 250], Gen.Bool);
        Gen.Select(Gen.Int[0, 900], step.Array[1, 8]).Sample((initial, steps) =>
        {
            var names = Names(initial).ToList();
            var withPolicy = new HashSet<string>(names.Where((_, i) => i % 4 == 0), StringComparer.Ordinal);
            IReadOnlyDictionary<string, int>? locked = null;
            var serial = 0;
            foreach (var (add, position, count, policy) in steps)
            {
                if (add)
                {
                    var added = Enumerable.Range(0, count).Select(_ => "N" + serial++).ToList();
                    names.InsertRange(Math.Min(position, names.Count), added);
                    if (policy)
                    {
                        withPolicy.UnionWith(added);
                    }
                }
                else
                {
                    names.RemoveRange(Math.Min(position, names.Count), Math.Min(count, Math.Max(0, names.Count - position)));
                }

                var (placement, errors) = TemplatePlanner.Plan(Stack(names, withPolicy), locked, LockFile);
                Assert.Empty(errors);
                Assert.Equal(names.Count, placement.Assignments.Count);
                Assert.All(placement.Estimates.Values, cost => Assert.True(cost.FitsWithin(TemplateCost.Limit), cost.ToString()));
                if (locked is not null)
                {
                    Assert.All(names.Where(n => locked.ContainsKey(Key(n))), n => Assert.Equal(locked[Key(n)], placement.TemplateOf(Key(n))));
                }

                locked = RoundTrip(placement);
            }
        }, iter: 60);
    }

    /// <summary>What the next synth reads back from the lock file this placement writes.</summary>
    private static IReadOnlyDictionary<string, int> RoundTrip(TemplatePlacement placement)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgeiam-lock-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllBytes(path, PlacementLock.Render(new Dictionary<string, TemplatePlacement> { ["EdgeIam-dev"] = placement }));
            var diagnostics = new ConfigDiagnostics();
            var read = PlacementLock.Read(path, diagnostics);
            Assert.Empty(diagnostics.Items);
            return read!["EdgeIam-dev"];
        }
        finally
        {
            File.Delete(path);
        }
    }
}
