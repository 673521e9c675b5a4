namespace EdgeIam.Policy.Rules;

/// <summary>
/// Tells read-only action patterns from ones that can write, by the verb IAM action names start with
/// (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html#actions_table).
/// </summary>
public static class ActionClassifier
{
    private static readonly string[] ReadVerbs = ["Get", "List", "Describe", "Head", "BatchGet", "Lookup", "Search", "View", "Query", "Scan", "Select", "Read"];

    /// <summary>True for <c>*</c>, <c>s3:*</c>, <c>s3:Put*</c>: a wildcard that covers write actions.</summary>
    public static bool IsWildcardWrite(string pattern) => TrustStatements.HasWildcard(pattern) && !IsReadOnly(pattern);

    /// <summary>True when every action the pattern can name is a read (<c>s3:GetObject</c>, <c>ec2:Describe*</c>).</summary>
    public static bool IsReadOnly(string pattern)
    {
        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var name = pattern[(colon + 1)..];
        foreach (var verb in ReadVerbs)
        {
            if (name.StartsWith(verb, StringComparison.OrdinalIgnoreCase) && !TrustStatements.HasWildcard(name[..verb.Length]))
            {
                return true;
            }
        }

        return false;
    }
}
