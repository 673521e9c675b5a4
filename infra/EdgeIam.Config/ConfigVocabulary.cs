using EdgeIam.Config.Reading;
using EdgeIam.Config.Stack;

namespace EdgeIam.Config;

/// <summary>Every key set the loader accepts, by schema path. A test proves the JSON Schema declares exactly these.</summary>
public static class ConfigVocabulary
{
    public static IReadOnlyList<KeySet> All { get; } =
    [
        StackFileParser.Keys,
        Iam.RoleAccessParser.StatementKeys,
        .. RolesAnywhere.RolesAnywhereParser.KeySets,
    ];
}
