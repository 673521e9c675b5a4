namespace EdgeIam.Policy.Templates;

/// <summary>
/// A stack's template with its nested stacks' templates merged in (see <see cref="NestedStackMerger"/>): the JSON the
/// template reader reads, which file each resource is written in, and how many resources each file holds.
/// </summary>
/// <param name="Utf8Json">The merged template; the file's own bytes when the stack has no nested stacks.</param>
/// <param name="ResourceFiles">Logical ID to the template file that declares it, for every resource of every template.</param>
/// <param name="TemplateFiles">Each template file of the stack with its own resource count: the stack's first, then nested ones depth first.</param>
internal sealed record MergedTemplate(byte[] Utf8Json, IReadOnlyDictionary<string, string> ResourceFiles, IReadOnlyList<KeyValuePair<string, int>> TemplateFiles)
{
    /// <summary>True when the stack is split over more than one template file.</summary>
    public bool IsNested => TemplateFiles.Count > 1;
}
