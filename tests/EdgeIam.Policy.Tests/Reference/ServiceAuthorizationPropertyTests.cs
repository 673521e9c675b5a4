using CsCheck;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Reference;
using Xunit.Abstractions;

namespace EdgeIam.Policy.Tests.Reference;

/// <summary>
/// Generated inputs over the whole catalogue: every documented action in any case is known; a one-edit typo of one is
/// unknown unless it lands on another action, and then only near actions are suggested; wildcard expansion agrees with
/// the evaluator's own action matcher; no input makes the catalogue throw.
/// </summary>
public sealed class ServiceAuthorizationPropertyTests(ITestOutputHelper output)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

    private static readonly IReadOnlyList<ActionEntry> All = ServiceAuthorization.Data.AllActions;

    private static readonly string[] Lowered = [.. All.Select(a => a.FullName.ToLowerInvariant())];

    private static readonly Gen<ActionEntry> AnyAction = Gen.Int[0, All.Count - 1].Select(i => All[i]);

    [Fact]
    public void Every_documented_action_is_known_in_every_case()
    {
        foreach (var action in All)
        {
            Assert.True(ServiceAuthorization.Check(action.FullName).IsKnown, action.FullName);
        }

        Gen.Select(AnyAction, Gen.Int[0, int.MaxValue]).Sample((action, seed) =>
        {
            var random = new Random(seed);
            var scrambled = new string([.. action.FullName.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))]);
            Assert.Equal([action.FullName], ServiceAuthorization.Expand(scrambled));
            Assert.Equal(action.Level, ServiceAuthorization.AccessLevelOf(scrambled));
        }, iter: 5_000);
    }

    [Fact]
    public void A_one_edit_typo_is_unknown_and_suggests_only_documented_actions_one_edit_away()
    {
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        Gen.Select(AnyAction, Gen.Int[0, 3], Gen.Int[0, 200], Gen.Int[0, Alphabet.Length - 1]).Sample((action, edit, at, letter) =>
        {
            var typo = action.Service + ":" + Edit(action.Name, edit, at, Alphabet[letter]);
            var check = ServiceAuthorization.Check(typo);
            if (check.IsKnown)
            {
                // The edit produced another documented name (or a case change of this one).
                Assert.NotNull(ServiceAuthorization.AccessLevelOf(typo));
                outcomes.AddOrUpdate("landed on a documented action", 1, (_, n) => n + 1);
                return;
            }

            Assert.True(check.IsWellFormed);
            Assert.NotNull(check.Message);
            Assert.StartsWith($"unknown action '{typo}' in service {action.Service}", check.Message, StringComparison.Ordinal);
            Assert.NotEmpty(check.Suggestions);
            Assert.True(check.Suggestions.Count <= NameSuggester.MaxSuggestions);
            foreach (var suggestion in check.Suggestions)
            {
                Assert.True(ServiceAuthorization.Check(suggestion).IsKnown, suggestion);
                Assert.Equal(1, NameSuggester.Distance(typo, suggestion));
            }

            outcomes.AddOrUpdate(check.Suggestions.Contains(action.FullName) ? "unknown, original suggested" : "unknown, equally near others suggested", 1, (_, n) => n + 1);
        }, iter: 5_000);

        output.WriteLine(string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}")));

        // Both main outcome classes occur, so the property is not vacuous.
        Assert.True(outcomes.GetValueOrDefault("unknown, original suggested") > 1_000, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault("landed on a documented action") > 0 || outcomes.Count > 1, string.Join(", ", outcomes));
    }

    [Fact]
    public void Wildcard_expansion_is_exactly_what_the_evaluator_matches()
    {
        var gen = Gen.Select(AnyAction, Gen.Int[0, 80], Gen.Int[0, 80], Gen.Int[0, 4]).Select((action, from, length, kind) =>
        {
            var full = action.FullName;
            var start = Math.Min(from, full.Length);
            var end = Math.Min(full.Length, start + length);
            return kind switch
            {
                0 => full[..start] + "*" + full[end..],
                1 => full[..start] + "?" + (start < full.Length ? full[(start + 1)..] : string.Empty),
                2 => full[..start] + "*",
                3 => "*" + full[end..],
                _ => full[..start] + "*" + full[start..end] + "*",
            };
        });

        var classes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        gen.Sample(pattern =>
        {
            var expanded = ServiceAuthorization.Expand(pattern);
            classes.AddOrUpdate(ActionPatternParts.Parse(pattern) is null ? "malformed" : expanded.Count switch { 0 => "matches none", 1 => "matches one", < 1000 => "matches some", _ => "matches 1000+" }, 1, (_, n) => n + 1);
            var matcher = new ActionMatcher(new ValueList([pattern], "$.Action"));
            var evaluator = Enumerable.Range(0, All.Count).Where(i => matcher.MatchesAny(Lowered[i])).Select(i => All[i].FullName).ToList();
            if (ActionPatternParts.Parse(pattern) is null)
            {
                // Malformed (e.g. the colon was cut out): refused, whatever IAM's matcher would make of it.
                Assert.Empty(expanded);
                Assert.False(ServiceAuthorization.Check(pattern).IsWellFormed);
                return;
            }

            Assert.Equal(evaluator, expanded);
            Assert.Equal(expanded.Count, ServiceAuthorization.Check(pattern).MatchCount);
        }, iter: 600);

        output.WriteLine(string.Join(", ", classes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}")));
        Assert.True(classes.GetValueOrDefault("matches some") > 0 && classes.GetValueOrDefault("matches one") > 0, string.Join(", ", classes));
    }

    [Fact]
    public void No_string_makes_the_catalogue_throw_and_every_answer_is_consistent()
    {
        var classes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var chars = Gen.Char[Alphabet + "*?: \t\n{}$/\\'\"\u00e9\u0000"];
        var random = chars.Array[0, 40].Select(a => new string(a));
        var services = ServiceAuthorization.Data.Services;
        var realPrefix = Gen.Int[0, services.Count - 1].Select(i => services[i].Prefix);
        var word = chars.Array[0, 12].Select(a => new string(a));
        var text = Gen.OneOf(
            random,
            Gen.Select(realPrefix, word, (p, w) => p + ":" + w),
            Gen.Select(word, word, (p, w) => p + ":" + w),
            Gen.Select(realPrefix, AnyAction, (p, a) => p + ":" + a.Name));
        text.Sample(text =>
        {
            var check = ServiceAuthorization.Check(text);
            classes.AddOrUpdate(!check.IsWellFormed ? "malformed" : check.IsKnown ? "known" : check.Suggestions.Count > 0 ? "unknown with a suggestion" : "unknown", 1, (_, n) => n + 1);
            Assert.Equal(check.IsKnown, check.Message is null);
            Assert.Equal(check.Message is null, check.Fix is null);
            Assert.Equal(check.MatchCount, ServiceAuthorization.Expand(text).Count);
            Assert.All(check.Suggestions, s => Assert.True(ServiceAuthorization.Check(s).IsKnown, s));
            if (!check.IsKnown)
            {
                Assert.True(ServiceAuthorization.CanWrite(text));
            }
        }, iter: 10_000);

        output.WriteLine(string.Join(", ", classes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}")));
    }

    private static string Edit(string name, int edit, int at, char letter)
    {
        var i = at % (name.Length + 1);
        return edit switch
        {
            0 => name.Insert(i, letter.ToString()),
            1 when name.Length > 1 => name.Remove(Math.Min(i, name.Length - 1), 1),
            2 when i < name.Length => name[..i] + letter + name[(i + 1)..],
            3 when name.Length > 1 => Swap(name, Math.Min(i, name.Length - 2)),
            _ => name + letter,
        };
    }

    private static string Swap(string name, int i) => name[..i] + name[i + 1] + name[i] + name[(i + 2)..];
}
