namespace EdgeIam.Config.Reading;

/// <summary>
/// The keys one mapping of the stack file may hold. <see cref="SchemaPath"/> names the mapping the way the JSON
/// Schema does (<c>crossAccount[]</c>), so a test can prove the schema and the parser agree.
/// </summary>
public sealed class KeySet
{
    public KeySet(string schemaPath, params string[] keys)
    {
        SchemaPath = schemaPath;
        Keys = keys;
    }

    public string SchemaPath { get; }

    public IReadOnlyList<string> Keys { get; }

    public bool Contains(string key) => Keys.Contains(key, StringComparer.Ordinal);
}
