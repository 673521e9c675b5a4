using System.Text.RegularExpressions;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Stack;

/// <summary>
/// Tag rules shared by every taggable AWS resource (IAM, EC2, Roles Anywhere): key 1-128 and value 0-256 characters
/// of letters, digits, spaces and <c>_ . : / = + - @</c>; the <c>aws:</c> prefix is reserved.
/// See https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions.
/// </summary>
public static partial class TagRules
{
    /// <summary>Tags EdgeIam sets itself; a stack file may not override them.</summary>
    public static readonly IReadOnlyList<string> Reserved = ["Project", "Stack"];

    internal static IReadOnlyList<KeyValuePair<string, string>> Parse(MappingReader reader, string key)
    {
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in reader.StringMap(key))
        {
            var path = reader.PathOf(key) + "." + name;
            var at = reader.Value(key);
            if (Reserved.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                reader.Context.Error(at, path, $"tag '{name}' is set by EdgeIam itself", "remove it; EdgeIam tags every resource with Project and Stack.");
            }
            else if (name.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                reader.Context.Error(at, path, "the aws: prefix is reserved for AWS", "choose a key without the aws: prefix.");
            }
            else if (name.Length is < 1 or > 128 || !TagText().IsMatch(name))
            {
                reader.Context.Error(at, path, $"'{name}' is not a valid tag key", "use 1-128 letters, digits, spaces or _ . : / = + - @.");
            }
            else if (value.Length > 256 || !TagText().IsMatch(value))
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

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagText();
}
