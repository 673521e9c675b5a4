namespace EdgeIam.Policy.Reference;

/// <summary>One service prefix with its actions, condition keys and resource types.</summary>
internal sealed class ServiceEntry
{
    private readonly Dictionary<string, ActionEntry> _byName;
    private readonly Dictionary<string, ActionEntry>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public ServiceEntry(
        string prefix,
        string name,
        IReadOnlyList<ActionEntry> actions,
        IReadOnlyDictionary<string, string> conditionKeyTypes,
        IReadOnlyDictionary<string, string> resourceTypeArns)
    {
        Prefix = prefix;
        Name = name;
        Actions = actions;
        ConditionKeyTypes = conditionKeyTypes;
        ResourceTypeArns = resourceTypeArns;

        // IAM action names are case-insensitive
        // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
        _byName = new Dictionary<string, ActionEntry>(actions.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var action in actions)
        {
            if (!_byName.TryAdd(action.Name, action))
            {
                throw new InvalidDataException($"the Service Authorization Reference lists the action {prefix}:{action.Name} twice (IAM action names ignore case)");
            }
        }

        _bySpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The prefix as policies write it, e.g. <c>s3</c>.</summary>
    public string Prefix { get; }

    /// <summary>The service's name, e.g. <c>Amazon S3</c>.</summary>
    public string Name { get; }

    /// <summary>Actions in ordinal order of their names.</summary>
    public IReadOnlyList<ActionEntry> Actions { get; }

    /// <summary>Condition key (case-insensitive) to its type (String, ARN, ArrayOfString, ...).</summary>
    public IReadOnlyDictionary<string, string> ConditionKeyTypes { get; }

    /// <summary>Resource type (case-insensitive) to its ARN format(s).</summary>
    public IReadOnlyDictionary<string, string> ResourceTypeArns { get; }

    public ActionEntry? Find(string actionName) => _byName.GetValueOrDefault(actionName);

    /// <summary>Looks a name up without allocating (the hot path of every check).</summary>
    public ActionEntry? Find(ReadOnlySpan<char> actionName) => _bySpan.TryGetValue(actionName, out var action) ? action : null;
}
