using System.Text.Json.Nodes;

namespace EdgeIam.Policy.Templates;

/// <summary>
/// One template with its own nested stacks merged in, not yet merged into its parent.
/// <paramref name="OwnParameters"/> are the Parameters the file itself declares (a parent may pass only these);
/// <c>Root["Parameters"]</c> may also hold parameters of deeper templates that stayed unresolved.
/// </summary>
internal sealed record ExpandedTemplate(JsonObject Root, string File, IReadOnlySet<string> OwnParameters);
