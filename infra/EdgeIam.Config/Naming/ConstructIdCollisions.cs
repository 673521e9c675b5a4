using EdgeIam.Config.Reading;

namespace EdgeIam.Config.Naming;

/// <summary>
/// CDK refuses two children of one construct with the same ID ("There is already a Construct with name ..."), which
/// would end synth with no file or line. Names that are distinct in the stack file can still meet as IDs
/// (<c>cam-1</c> and <c>cam1</c> are both <c>FleetCam1</c>), so the loader derives every ID with
/// <see cref="ConstructIds"/> and refuses the second of two equal ones, naming the first.
/// </summary>
internal static class ConstructIdCollisions
{
    /// <summary>
    /// Reports every ID of <paramref name="scope"/> that an earlier entry already has (IDs compare as CDK compares
    /// them, ordinally); an entry that derives several IDs (a role and its output) is reported once.
    /// </summary>
    public static void Report(ConfigContext context, string scope, IEnumerable<DerivedId> ids)
    {
        var first = new Dictionary<string, DerivedId>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!first.TryAdd(id.Id, id) && reported.Add(id.KeyPath))
            {
                var earlier = first[id.Id];
                context.Error(id.Node, id.KeyPath,
                    $"{id.What} would get construct ID '{id.Id}' in {scope}, which {earlier.What} ({earlier.KeyPath}) already gets: IDs keep only the letters and digits of a name and capitalise each word, and CDK refuses two constructs with one ID",
                    $"rename one of the two so that their letters and digits differ, not only their punctuation or the case of a word's first letter.");
            }
        }
    }
}
