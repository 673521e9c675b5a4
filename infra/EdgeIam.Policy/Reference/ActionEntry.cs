namespace EdgeIam.Policy.Reference;

/// <summary>
/// One action of the Service Authorization Reference, spelt as AWS documents it. Its resource types and condition keys
/// stay as text in the loaded resource until asked for: most lookups only need the name and the access level, and not
/// splitting ~100,000 list items up front keeps the first load short.
/// </summary>
internal sealed class ActionEntry
{
    private readonly string _source;
    private readonly int _resourceTypesStart;
    private readonly int _resourceTypesLength;
    private readonly int _conditionKeysStart;
    private readonly int _conditionKeysLength;

    /// <param name="source">The resource text the two lists are read from.</param>
    public ActionEntry(string service, string name, ActionAccessLevel level, string source, Range resourceTypes, Range conditionKeys)
    {
        Service = service;
        Name = name;
        Level = level;
        _source = source;
        (_resourceTypesStart, _resourceTypesLength) = resourceTypes.GetOffsetAndLength(source.Length);
        (_conditionKeysStart, _conditionKeysLength) = conditionKeys.GetOffsetAndLength(source.Length);
    }

    public string Service { get; }

    public string Name { get; }

    public ActionAccessLevel Level { get; }

    /// <summary><c>service:Action</c>, e.g. <c>s3:PutObject</c>.</summary>
    public string FullName => field ??= Service + ":" + Name;

    /// <summary>Write, Permissions management and Tagging actions change something; List and Read do not.</summary>
    public bool CanWrite => Level is not (ActionAccessLevel.List or ActionAccessLevel.Read);

    /// <summary>Resource types the action applies to, in ordinal order; required ones as the reference marks them.</summary>
    public IReadOnlyList<ActionResourceType> ResourceTypes
    {
        get
        {
            var text = _source.AsSpan(_resourceTypesStart, _resourceTypesLength);
            if (text.IsEmpty)
            {
                return [];
            }

            var result = new List<ActionResourceType>(text.Count('|') + 1);
            foreach (var range in text.Split('|'))
            {
                var item = text[range];
                var required = item.EndsWith('*');
                result.Add(new ActionResourceType((required ? item[..^1] : item).ToString(), required));
            }

            return result;
        }
    }

    /// <summary>Condition keys the action supports (beyond the global ones), in ordinal order.</summary>
    public IReadOnlyList<string> ConditionKeys
    {
        get
        {
            var text = _source.AsSpan(_conditionKeysStart, _conditionKeysLength);
            if (text.IsEmpty)
            {
                return [];
            }

            var result = new string[text.Count('|') + 1];
            var i = 0;
            foreach (var range in text.Split('|'))
            {
                result[i++] = text[range].ToString();
            }

            return result;
        }
    }

    public override string ToString() => FullName;
}
