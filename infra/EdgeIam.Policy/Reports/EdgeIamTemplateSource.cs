using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeIam.Policy.Model;
using EdgeIam.Shared;

namespace EdgeIam.Policy.Reports;

/// <summary>
/// For a template EdgeIam synthesized: the stack file it was made from and each resource's name in it (the
/// <c>edgeiam:role</c> / trust anchor / profile / provider Metadata), so a finding can point at the line a user edits.
/// Any template that does not say which stack file made it (not made by EdgeIam, or unreadable) locates nothing, and
/// its findings keep their template location.
/// </summary>
internal sealed partial class EdgeIamTemplateSource
{
    /// <summary>Optional stack-level Metadata with the stack file's path as given to synth; preferred when present.</summary>
    public const string StackFileMetadata = "edgeiam:stackFile";

    /// <summary>Which top-level section of the stack file each Metadata key's names live in (to tell equal names apart).</summary>
    private static readonly Dictionary<string, string[]> Sections = new(StringComparer.Ordinal)
    {
        [EdgeIamMetadata.Role] = ["edgeFleets", "oidc.roles", "crossAccount", "rolesAnywhere.roles"],
        [EdgeIamMetadata.TrustAnchor] = ["rolesAnywhere.trustAnchors"],
        [EdgeIamMetadata.Profile] = ["rolesAnywhere.profiles"],
        [EdgeIamMetadata.OidcProvider] = ["oidc.providers"],
    };

    private readonly Dictionary<string, (string Key, string Name)> _names;
    private readonly StackYamlNames? _stackFile;

    private EdgeIamTemplateSource(Dictionary<string, (string Key, string Name)> names, StackYamlNames? stackFile)
    {
        _names = names;
        _stackFile = stackFile;
    }

    public static EdgeIamTemplateSource Read(string templateFile, SarifPaths paths)
    {
        var names = new Dictionary<string, (string Key, string Name)>(StringComparer.Ordinal);
        var constructs = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            // A stack split into nested stacks names its resources in every template; the stack file is the parent's.
            using var template = JsonDocument.Parse(MergedOrOwn(templateFile));
            var root = template.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new EdgeIamTemplateSource(names, null);
            }

            if (root.TryGetProperty("Resources", out var resources) && resources.ValueKind == JsonValueKind.Object)
            {
                foreach (var resource in resources.EnumerateObject())
                {
                    if (resource.Value.ValueKind == JsonValueKind.Object && resource.Value.TryGetProperty("Metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
                    {
                        if (metadata.TryGetProperty("aws:cdk:path", out var cdkPath) && cdkPath.ValueKind == JsonValueKind.String && cdkPath.GetString()!.Split('/') is { Length: > 2 } segments)
                        {
                            constructs[resource.Name] = segments[1];
                        }

                        foreach (var key in Sections.Keys)
                        {
                            if (metadata.TryGetProperty(key, out var name) && name.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(name.GetString()))
                            {
                                names[resource.Name] = (key, name.GetString()!);
                                break;
                            }
                        }
                    }
                }
            }

            // A resource EdgeIam did not name (a fleet's launch template or security group) belongs to the entry
            // its top-level construct was made from, when that construct named exactly one (EdgeFleet: one role).
            var named = new Dictionary<string, (string Key, string Name)>(names, StringComparer.Ordinal);
            foreach (var (resource, construct) in constructs)
            {
                var owners = constructs.Where(c => c.Value == construct && named.ContainsKey(c.Key)).Select(c => named[c.Key]).Distinct().ToList();
                if (!names.ContainsKey(resource) && owners.Count == 1)
                {
                    names[resource] = owners[0];
                }
            }

            // The file synth actually read (recorded in justifications) first, then the stack's own hint.
            var found = JustifiedStackFiles(root).Concat(RecordedStackFile(root) is { } hint ? [hint] : [])
                .Select(recorded => Resolve(recorded, templateFile, paths)).FirstOrDefault(f => f is not null);
            return new EdgeIamTemplateSource(names, found is null ? null : StackYamlNames.ForFile(found));
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException or InvalidDataException)
        {
            return new EdgeIamTemplateSource(names, null);
        }
    }

    private static byte[] MergedOrOwn(string templateFile)
    {
        try
        {
            return Templates.AssemblyReader.ReadMergedTemplate(templateFile);
        }
        catch (Templates.TemplateException)
        {
            // Locating is best effort: the check itself already refused a stack whose templates do not merge.
            return InputFile.ReadAllBytes(templateFile, InputFileLimit.Template);
        }
    }

    /// <summary>The stack-file name of a resource (its config name), or null for a resource EdgeIam did not name.</summary>
    public string? NameOf(string logicalId) => _names.TryGetValue(logicalId, out var entry) ? entry.Name : null;

    /// <summary>The stack-file line of the resource's entry, or null when it cannot be told exactly.</summary>
    public StackFileLine? LineOf(string logicalId) =>
        _stackFile is not null && _names.TryGetValue(logicalId, out var entry) ? _stackFile.LineOf(entry.Name, Sections[entry.Key]) : null;

    /// <summary>Paths in justifications such as "allowOrgWideSubjects: true at oidc.roles[1] in stacks/dev.yaml" (the path as given to synth).</summary>
    private static IEnumerable<string> JustifiedStackFiles(JsonElement root)
    {
        if (!root.TryGetProperty("Resources", out var resources) || resources.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var resource in resources.EnumerateObject())
        {
            if (resource.Value.ValueKind == JsonValueKind.Object && resource.Value.TryGetProperty("Metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty(EdgeIamMetadata.Justifications, out var justifications) && justifications.ValueKind == JsonValueKind.Object)
            {
                foreach (var why in justifications.EnumerateObject())
                {
                    if (why.Value.ValueKind == JsonValueKind.String && JustifiedIn().Match(why.Value.GetString()!) is { Success: true } match)
                    {
                        yield return match.Groups["path"].Value;
                    }
                }
            }
        }
    }

    private static string? RecordedStackFile(JsonElement root)
    {
        if (root.TryGetProperty("Metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty(StackFileMetadata, out var path) && path.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(path.GetString()))
        {
            return path.GetString();
        }

        // EdgeIamStack writes "... edit stacks/<name>.yaml, not this stack." into every stack's Description.
        if (root.TryGetProperty("Description", out var description) && description.ValueKind == JsonValueKind.String
            && description.GetString()!.Contains("managed by EdgeIam", StringComparison.Ordinal)
            && EditHint().Match(description.GetString()!) is { Success: true } match)
        {
            return match.Groups["path"].Value;
        }

        return null;
    }

    /// <summary>An absolute path as is; a relative one against the repository root, the current directory, then the assembly's parent.</summary>
    internal static string? Resolve(string recorded, string templateFile, SarifPaths paths)
    {
        if (Path.IsPathRooted(recorded))
        {
            return File.Exists(recorded) ? recorded : null;
        }

        var assemblyParent = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(templateFile, paths.CurrentDirectory)));
        string?[] bases = [paths.RepositoryRoot, paths.CurrentDirectory, assemblyParent];
        return bases.OfType<string>().Select(b => Path.GetFullPath(recorded, b)).FirstOrDefault(File.Exists);
    }

    [GeneratedRegex(@"^[A-Za-z]+: .+ at [A-Za-z][A-Za-z0-9_.\[\]]* in (?<path>.+\.ya?ml)$", RegexOptions.CultureInvariant)]
    private static partial Regex JustifiedIn();

    [GeneratedRegex(@"edit (?<path>[^\s,;()]+\.ya?ml)\b", RegexOptions.CultureInvariant)]
    private static partial Regex EditHint();
}
