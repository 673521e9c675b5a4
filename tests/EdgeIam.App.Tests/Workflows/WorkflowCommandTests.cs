using System.Text;
using System.Text.RegularExpressions;
using EdgeIam.Tests.Shared;

namespace EdgeIam.App.Tests.Workflows;

/// <summary>
/// Every edgeiam command the committed workflows (and the README's shell examples) run exists in the CLI with
/// exactly those options: a renamed option would otherwise break the PR check only once it runs on GitHub.
/// </summary>
public sealed partial class WorkflowCommandTests
{
    public static TheoryData<string, string> Commands()
    {
        var data = new TheoryData<string, string>();
        var sources = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, ".github", "workflows"), "*.yml").Order(StringComparer.Ordinal)
            .Append(Path.Combine(RepositoryPaths.Root, "README.md"));
        foreach (var file in sources)
        {
            var lines = File.ReadAllLines(file);
            var markdown = file.EndsWith(".md", StringComparison.Ordinal);
            var inShell = false;
            for (var i = 0; i < lines.Length; i++)
            {
                var text = lines[i];
                if (markdown && text.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inShell = !inShell && text.Trim() is "```sh" or "```bash" or "```shell";
                    continue;
                }

                if (markdown && !inShell)
                {
                    continue;
                }

                // A YAML comment is prose, not a command.
                text = YamlComment().Replace(text, string.Empty);

                while (text.EndsWith('\\') && i + 1 < lines.Length)
                {
                    text = text[..^1] + " " + lines[++i].Trim();
                }

                if (Invocation().Match(text) is { Success: true } match)
                {
                    data.Add($"{Path.GetFileName(file)}:{i + 1}", match.Groups["args"].Value);
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_workflows_run_edgeiam_synth_check_and_diff() =>
        Assert.Superset(new HashSet<string>(["synth", "check", "diff"]), Commands()
            .Where(c => ((string)c[0]).Contains(".yml", StringComparison.Ordinal))
            .Select(c => Tokens((string)c[1]).FirstOrDefault() ?? string.Empty).ToHashSet());

    /// <summary>
    /// README's first command and both workflows call <c>bin/edgeiam</c>: it must be committed (the repo ignores
    /// <c>bin/</c> folders), executable, and run the built CLI.
    /// </summary>
    [Fact]
    public void The_launcher_bin_edgeiam_is_committed_executable_and_runs_the_built_cli()
    {
        var tracked = Run("git", "ls-files", "--stage", "--", "bin/edgeiam");
        Assert.StartsWith("100755 ", tracked.Out, StringComparison.Ordinal);
#if !DEBUG
        var version = Run("bash", "bin/edgeiam", "--version");
        Assert.True(version.ExitCode == 0, version.Error);
        Assert.StartsWith("1.", version.Out, StringComparison.Ordinal);
#endif
    }

    private static (int ExitCode, string Out, string Error) Run(string file, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The tests run on a build of the solution: the launcher must not rebuild it under them.
        start.Environment["EDGEIAM_NO_BUILD"] = "1";
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_command_parses_without_errors(string where, string arguments)
    {
        var (root, _) = EdgeIamCli.Build(new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System));
        // A shell array splat ("${args[@]}") stands for arguments built at run time; the README shows their form.
        var tokens = Tokens(arguments).Where(t => !ShellSplat().IsMatch(t)).ToList();
        Assert.NotEmpty(tokens);
        var parsed = root.Parse(tokens);
        Assert.True(parsed.Errors.Count == 0, $"{where}: edgeiam {arguments}\n" + string.Join("\n", parsed.Errors.Select(e => e.Message)));
    }

    /// <summary>Shell words up to a redirection, pipe or separator; quotes removed, variables and placeholders kept as words.</summary>
    private static List<string> Tokens(string arguments)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quote = '\0';
        var inWord = false;
        foreach (var c in arguments)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }

                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else if (c is '>' or '|' or ';' or '&' or '#' or '<' or ')')
            {
                break;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (inWord)
            {
                tokens.Add(current.ToString());
            }

            current.Clear();
            inWord = false;
        }
    }

    /// <summary><c>dotnet run ... --project infra/EdgeIam.App -- ARGS</c>, <c>bin/edgeiam ARGS</c> or <c>edgeiam ARGS</c> at the start of a command.</summary>
    [GeneratedRegex(@"(?:--project infra/EdgeIam\.App -- |(?:^|[\s;&(`$])(?:\./)?(?:bin/)?edgeiam (?=[a-z]))(?<args>[a-z].*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Invocation();

    [GeneratedRegex(@"^\$\{\w+\[@\]\}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShellSplat();

    [GeneratedRegex(@"(^\s*#.*$|\s#\s.*$)", RegexOptions.CultureInvariant)]
    private static partial Regex YamlComment();
}
