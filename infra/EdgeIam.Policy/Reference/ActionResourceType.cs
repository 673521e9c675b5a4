namespace EdgeIam.Policy.Reference;

/// <summary>A resource type an action applies to; <paramref name="Required"/> as the reference's "*" marks it.</summary>
internal readonly record struct ActionResourceType(string Name, bool Required);
