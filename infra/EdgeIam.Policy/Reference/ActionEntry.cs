namespace EdgeIam.Policy.Reference;

/// <summary>One action of the Service Authorization Reference, spelt as AWS documents it.</summary>
internal sealed record ActionEntry(
    string Service,
    string Name,
    ActionAccessLevel Level,
    IReadOnlyList<ActionResourceType> ResourceTypes,
    IReadOnlyList<string> ConditionKeys)
{
    /// <summary><c>service:Action</c>, e.g. <c>s3:PutObject</c>.</summary>
    public string FullName { get; } = Service + ":" + Name;

    /// <summary>Write, Permissions management and Tagging actions change something; List and Read do not.</summary>
    public bool CanWrite => Level is not (ActionAccessLevel.List or ActionAccessLevel.Read);
}
