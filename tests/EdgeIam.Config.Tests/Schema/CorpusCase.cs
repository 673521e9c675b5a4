namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// One stack file of the agreement corpus. <see cref="Name"/> says what is special about it (for a refused file: the
/// one thing wrong). <see cref="LoaderOnly"/> names an entry of <see cref="SchemaLimits.LoaderOnlyRules"/> when the
/// schema cannot express the rule the loader applies.
/// </summary>
internal sealed record CorpusCase(string Name, string Yaml, bool Valid, string? LoaderOnly = null)
{
    public override string ToString() => Name;
}
