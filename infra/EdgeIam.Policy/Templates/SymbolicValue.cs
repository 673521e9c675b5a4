using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace EdgeIam.Policy.Templates;

/// <summary>
/// Template values that are only known at deploy time are kept as symbols in <c>Fn::Sub</c> syntax, so they keep their
/// identity: <c>${EdgeCaTrustAnchor.TrustAnchorArn}</c> (GetAtt), <c>${GitHubDeployRole}</c> (Ref),
/// <c>${AWS::AccountId}</c> (pseudo parameter). IAM policy variables always hold a single colon
/// (<c>${aws:username}</c>), so the two never collide.
/// </summary>
internal static partial class SymbolicValue
{
    public static string Ref(string logicalId) => "${" + logicalId + "}";

    public static string GetAtt(string logicalId, string attribute) => "${" + logicalId + "." + attribute + "}";

    public static string Pseudo(string name) => "${" + name + "}";

    /// <summary>An intrinsic the reader does not evaluate, e.g. <c>${Fn::ImportValue(shared-vpc)}</c>.</summary>
    public static string Opaque(string function, string argument) =>
        "${" + function + "(" + argument.Replace('{', '(').Replace('}', ')').Replace('"', '\'') + ")}";

    public static bool ContainsSymbol(string value) => value.Contains("${", StringComparison.Ordinal) && Symbol().IsMatch(value);

    /// <summary>True when the whole value is one Ref/GetAtt symbol; gives the logical ID and attribute (null for Ref).</summary>
    public static bool TryParseReference(string value, [NotNullWhen(true)] out string? logicalId, out string? attribute)
    {
        var match = WholeReference().Match(value);
        if (!match.Success)
        {
            logicalId = null;
            attribute = null;
            return false;
        }

        logicalId = match.Groups["id"].Value;
        attribute = match.Groups["attr"].Success ? match.Groups["attr"].Value : null;
        return true;
    }

    /// <summary>Every symbol in a value, e.g. <c>${Trusted}</c> in <c>arn:aws:iam::${Trusted}:root</c>.</summary>
    public static IEnumerable<string> SymbolsIn(string value) =>
        value.Contains("${", StringComparison.Ordinal) ? Symbol().Matches(value).Select(m => m.Value) : [];

    /// <summary>What a single symbol stands for, given the template's resources and parameters.</summary>
    public static SymbolKind Classify(string symbol, Func<string, bool> isResource, Func<string, bool> isParameter)
    {
        if (symbol.StartsWith("${Fn::", StringComparison.Ordinal))
        {
            return SymbolKind.Opaque;
        }

        if (symbol.StartsWith("${AWS::", StringComparison.Ordinal))
        {
            return SymbolKind.Resolved;
        }

        if (!TryParseReference(symbol, out var id, out _))
        {
            return SymbolKind.Opaque;
        }

        return isResource(id) ? SymbolKind.Resolved : isParameter(id) ? SymbolKind.Parameter : SymbolKind.Missing;
    }

    [GeneratedRegex(@"^\$\{(?<id>[A-Za-z0-9]+)(\.(?<attr>[A-Za-z0-9.]+))?\}$")]
    private static partial Regex WholeReference();

    [GeneratedRegex(@"\$\{([A-Za-z0-9]+(\.[A-Za-z0-9.]+)?|AWS::[A-Za-z]+|Fn::[^}]*)\}")]
    private static partial Regex Symbol();
}
