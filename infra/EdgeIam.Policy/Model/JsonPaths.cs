namespace EdgeIam.Policy.Model;

/// <summary>Builds JSONPath strings (<c>$.a.b[0]</c>, <c>$['a b']</c>) for error messages and findings.</summary>
internal static class JsonPaths
{
    public const string Root = "$";

    public static string Property(string parent, string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            {
                return $"{parent}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";
            }
        }

        return name.Length == 0 ? $"{parent}['']" : $"{parent}.{name}";
    }

    public static string Index(string parent, int index) =>
        $"{parent}[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
}
