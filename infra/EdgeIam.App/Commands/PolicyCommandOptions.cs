using System.CommandLine;
using EdgeIam.Policy.Reports;
using EdgeIam.Policy.Templates;

namespace EdgeIam.App.Commands;

/// <summary>Options and error handling shared by the policy commands (check, access, diff, can-assume).</summary>
internal static class PolicyCommandOptions
{
    public static Option<string> Assembly(string name = "--assembly", bool required = false) => new(name)
    {
        Description = "Cloud assembly folder with the EdgeIam-<name>.template.json files.",
        DefaultValueFactory = required ? null! : _ => "cdk.out",
        Required = required,
    };

    public static Option<string[]> Stacks(string description) => new("--stack")
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = $"Output format: {string.Join(", ", formats)}.",
            DefaultValueFactory = _ => "text",
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static ReportFormat ParseFormat(string? format) => format switch
    {
        "json" => ReportFormat.Json,
        "sarif" => ReportFormat.Sarif,
        "markdown" => ReportFormat.Markdown,
        _ => ReportFormat.Text,
    };

    /// <summary><c>--context KEY=VALUE</c> pairs; null (after one line on <paramref name="error"/>) when one is not KEY=VALUE.</summary>
    public static List<KeyValuePair<string, string>>? ParseContext(IReadOnlyList<string> values, TextWriter error)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in values)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error.WriteLine($"edgeiam: --context \"{pair}\" is not KEY=VALUE");
                return null;
            }

            pairs.Add(new(pair[..eq], pair[(eq + 1)..]));
        }

        return pairs;
    }

    /// <summary>Runs a command body; bad templates become exit 2 with the file and JSON path on stderr.</summary>
    public static int Guard(CliContext context, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (TemplateException ex)
        {
            context.Error.WriteLine($"edgeiam: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }
}
