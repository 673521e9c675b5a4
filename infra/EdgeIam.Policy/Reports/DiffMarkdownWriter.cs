using EdgeIam.Policy.Access;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Reports;

/// <summary>
/// <c>diff --format markdown</c>: a PR comment in plain CommonMark (no renderer-specific blocks), most severe change
/// first. With the head assembly it names each role as the stack file does, points at its stack-file line (a link when
/// a link base is given) and says what every widened role can now do.
/// </summary>
internal static class DiffMarkdownWriter
{
    public static void Write(AccessDiff diff, TextWriter output) => Write(diff, output, null, null);

    public static void Write(AccessDiff diff, TextWriter output, CloudAssembly? head, string? linkBase)
    {
        output.WriteLine("## EdgeIam access diff");
        output.WriteLine();
        if (diff.Changes.Count == 0)
        {
            output.WriteLine("No access changes.");
            return;
        }

        var widening = diff.Changes.Count(c => c.IsWidening);
        output.WriteLine(widening > 0
            ? $"> **Warning: access widened** in {widening} place(s). Review the rows marked **widened**/**added**; merging needs an approval (README, \"PR checks and deploys\")."
            : "No access was widened.");
        output.WriteLine();
        if (diff.Count(ChangeKind.Replaced) is > 0 and var replaced)
        {
            output.WriteLine($"> **Warning: {replaced} role(s) replaced**: CloudFormation deletes and re-creates them, so their live sessions stop working. See the rows marked **replaced**.");
            output.WriteLine();
        }

        output.WriteLine($"{diff.Summary["access diff: ".Length..]}");
        output.WriteLine();
        var roles = new RoleLookup(head, linkBase);
        output.WriteLine("| Severity | Change | Stack | Role | Area | What |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var change in Ordered(diff))
        {
            var kind = change.IsWidening || change.Kind == ChangeKind.Replaced ? $"**{DiffTextWriter.Word(change.Kind)}**" : DiffTextWriter.Word(change.Kind);
            var details = change.Details.Count == 0 ? string.Empty : "<br>" + string.Join("<br>", change.Details.Select(Markdown.CodeCell));
            output.WriteLine($"| {Severity(change)} | {kind} | {change.Stack} | {roles.Cell(change)} | {change.Area} | {Markdown.Cell(change.Summary)}{details} |");
        }

        var widened = Ordered(diff).Where(c => c.IsWidening && c.Area is "role" or "trust" or "permissions")
            .Select(c => (c.Stack, c.Role)).Distinct().ToList();
        if (head is null || widened.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("### What the widened roles can now do");
        foreach (var (stack, role) in widened)
        {
            if (roles.Find(stack, role) is not { } access)
            {
                continue;
            }

            output.WriteLine();
            output.WriteLine($"**{Markdown.Cell(access.Key)}** in {stack}{roles.Where(stack, access)}:");
            output.WriteLine();
            foreach (var grant in access.AssumedBy)
            {
                output.WriteLine($"- assumable by: {Markdown.Cell(grant.Description)}");
            }

            foreach (var grant in access.Permissions)
            {
                output.WriteLine($"- may: {Markdown.Cell(grant.Summary)}");
            }

            foreach (var managed in access.ManagedPolicies)
            {
                output.WriteLine($"- may: everything managed policy {Markdown.Code(managed)} allows");
            }
        }
    }

    /// <summary>Widening of who can get in or what a session may do first, then other widening, then narrowing and removal.</summary>
    private static IEnumerable<AccessChange> Ordered(AccessDiff diff) =>
        diff.Changes.Select((c, i) => (c, i)).OrderBy(x => Rank(x.c)).ThenBy(x => x.i).Select(x => x.c);

    private static int Rank(AccessChange change) => change switch
    {
        { IsWidening: true, Area: "trust" or "role" or "permissions" } => 0,
        { IsWidening: true } or { Kind: ChangeKind.Replaced } => 1,
        { Kind: ChangeKind.Narrowed } => 2,
        _ => 3,
    };

    private static string Severity(AccessChange change) => Rank(change) switch
    {
        0 => "high",
        1 => "medium",
        _ => "low",
    };

    /// <summary>The head's roles by display name, with their stack-file lines.</summary>
    private sealed class RoleLookup(CloudAssembly? head, string? linkBase)
    {
        private readonly AccessReport? _access = head is null ? null : AccessAnalyzer.Analyze(head);
        private readonly Dictionary<string, EdgeIamTemplateSource> _sources = new(StringComparer.Ordinal);
        private readonly SarifPaths _paths = SarifPaths.ForCurrentDirectory();

        public RoleAccess? Find(string stack, string displayName) =>
            _access?.Stacks.FirstOrDefault(s => s.Name == stack)?.Roles.FirstOrDefault(r => r.DisplayName == displayName);

        /// <summary>The role as the stack file names it, with its logical ID and line; the change's name when the head lacks it.</summary>
        public string Cell(AccessChange change) =>
            Find(change.Stack, change.Role) is { } role
                ? $"**{Markdown.Cell(role.Key)}**{(role.ConfigName is null ? string.Empty : $"<br>{Markdown.CodeCell(role.LogicalId)}")}{Where(change.Stack, role)}"
                : Markdown.Cell(change.Role);

        /// <summary>" (stacks/prod.yaml:40)", as a link under the link base when given; empty when the line is unknown.</summary>
        public string Where(string stack, RoleAccess role)
        {
            var template = head?.FindStack(stack);
            if (template is null)
            {
                return string.Empty;
            }

            if (!_sources.TryGetValue(stack, out var source))
            {
                source = _sources[stack] = EdgeIamTemplateSource.Read(template.FilePath, _paths);
            }

            if (source.LineOf(role.LogicalId) is not { } line)
            {
                return string.Empty;
            }

            var artifact = _paths.Artifact(line.File, SarifPaths.Stacks);
            var text = $"{Uri.UnescapeDataString(artifact.Uri)}:{line.Line}";
            return linkBase is null || artifact.BaseId != SarifPaths.SourceRoot
                ? $" ({Markdown.Code(text)})"
                : $" ([{text}]({linkBase.TrimEnd('/')}/{artifact.Uri}#L{line.Line}))";
        }
    }
}
