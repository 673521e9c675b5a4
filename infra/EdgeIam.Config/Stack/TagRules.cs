using System.Globalization;
using System.Text.RegularExpressions;
using EdgeIam.Config.Reading;
using EdgeIam.Policy.Model;

namespace EdgeIam.Config.Stack;

/// <summary>
/// Tag rules shared by every taggable AWS resource (IAM, EC2, Roles Anywhere): key 1-128 and value 0-256 characters
/// of letters, digits, spaces and <c>_ . : / = + - @</c>; the <c>aws:</c> prefix is reserved by AWS and the
/// <c>edgeiam:</c> prefix by EdgeIam (<see cref="EdgeIamMetadata"/>: the policy engine reads roles and justifications
/// from it); at most 50 tags per resource, counting the ones EdgeIam adds itself.
/// See https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions.
/// </summary>
public static partial class TagRules
{
    /// <summary>Tags EdgeIam sets on every resource; a stack file may not override them.</summary>
    public static readonly IReadOnlyList<string> Reserved = ["Project", "Stack"];

    /// <summary>The tag EdgeIam sets on every IAM role (the policy engine keys on it); reserved with the rest of its namespace.</summary>
    public const string RoleTag = EdgeIamMetadata.Role;

    /// <summary>User-created tags per resource (tags with the aws: prefix do not count).
    /// https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions and
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html</summary>
    public const int MaxTagsPerResource = 50;

    public const int MaxKeyLength = 128;

    public const int MaxValueLength = 256;

    /// <summary>Tags EdgeIam adds to the most-tagged resource (a role: Project, Stack, edgeiam:role).</summary>
    public static int AddedByEdgeIam => Reserved.Count + 1;

    /// <summary>How many tags a stack file may set: <see cref="MaxTagsPerResource"/> less <see cref="AddedByEdgeIam"/>.</summary>
    public static int MaxStackTags => MaxTagsPerResource - AddedByEdgeIam;

    internal static IReadOnlyList<KeyValuePair<string, string>> Parse(MappingReader reader, string key)
    {
        var tags = new List<KeyValuePair<string, string>>();
        var seen = 0;
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value, at) in reader.StringMapEntries(key))
        {
            var path = reader.PathOf(key) + "." + name;
            seen++;
            // IAM refuses two tag keys that differ only in case on one role.
            // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating
            if (!keys.Add(name))
            {
                reader.Context.Error(at, path, $"tag '{name}' differs from another tag key only in case, which IAM refuses",
                    "keep one of the two keys.");
                continue;
            }

            if (seen == MaxStackTags + 1)
            {
                var total = reader.Value(key) is YamlDotNet.RepresentationModel.YamlMappingNode m ? m.Children.Count : seen;
                reader.Context.Error(at, path, string.Create(CultureInfo.InvariantCulture,
                        $"{total} tags, plus the {AddedByEdgeIam} EdgeIam adds ({string.Join(", ", Reserved)}, {RoleTag}), exceed AWS's {MaxTagsPerResource} tags per resource; this is tag {seen}"),
                    string.Create(CultureInfo.InvariantCulture, $"keep at most {MaxStackTags} tags in `tags`."));
            }

            if (Reserved.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                reader.Context.Error(at, path, $"tag '{name}' is reserved: EdgeIam sets it itself",
                    $"remove it; EdgeIam tags every resource with {string.Join(" and ", Reserved)}, and every role with {RoleTag}.");
            }
            else if (EdgeIamMetadata.IsReserved(name))
            {
                // A stack-wide edgeiam:justification/<Sid> would justify that Sid on every role; edgeiam:role would rename them.
                reader.Context.Error(at, path,
                    $"tag '{name}' is in the {EdgeIamMetadata.Namespace} namespace (any case), which is reserved for the tags EdgeIam sets and the policy engine reads",
                    $"choose a key without the {EdgeIamMetadata.Namespace} prefix; justify a statement with `justification:` on the statement itself.");
            }
            else if (name.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                reader.Context.Error(at, path, "the aws: prefix is reserved for AWS", "choose a key without the aws: prefix.");
            }
            else if (Length(name) > MaxKeyLength)
            {
                reader.Context.Error(at, path, string.Create(CultureInfo.InvariantCulture, $"the tag key is {Length(name)} characters, over AWS's {MaxKeyLength}"),
                    string.Create(CultureInfo.InvariantCulture, $"shorten the key to at most {MaxKeyLength} characters."));
            }
            else if (!TagText().IsMatch(name))
            {
                reader.Context.Error(at, path, $"'{name}' is not a valid tag key", "use 1-128 letters, digits, spaces or _ . : / = + - @.");
            }
            else if (Length(value) > MaxValueLength)
            {
                reader.Context.Error(at, path, string.Create(CultureInfo.InvariantCulture, $"the tag value is {Length(value)} characters, over AWS's {MaxValueLength}"),
                    string.Create(CultureInfo.InvariantCulture, $"shorten the value to at most {MaxValueLength} characters."));
            }
            else if (!TagText().IsMatch(value))
            {
                reader.Context.Error(at, path, $"'{value}' is not a valid tag value", "use up to 256 letters, digits, spaces or _ . : / = + - @.");
            }
            else
            {
                tags.Add(new(name, value));
            }
        }

        tags.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return tags;
    }

    /// <summary>AWS counts Unicode characters, not UTF-16 code units.</summary>
    private static int Length(string text) => text.EnumerateRunes().Count();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagText();
}
