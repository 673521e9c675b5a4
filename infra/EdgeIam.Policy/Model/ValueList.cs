namespace EdgeIam.Policy.Model;

/// <summary>An <c>Action</c>/<c>Resource</c> style element: a string or an array of strings, kept in document order.</summary>
public sealed record ValueList(IReadOnlyList<string> Values, string JsonPath)
{
    public bool Contains(string value, StringComparison comparison) => Values.Any(v => string.Equals(v, value, comparison));
}
