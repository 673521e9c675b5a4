using System.Globalization;
using EdgeIam.Config.Reading;
using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config.Stack;

/// <summary>
/// Merges a target's <c>overrides:</c> onto the stack file's document, at the YAML-node level and before the
/// normal parse, so every rule of the stack file checks the merged result and an overridden value's error points at
/// the override (its nodes keep their file positions). The rules, strict so that nothing is dropped or merged
/// silently:
/// <list type="bullet">
/// <item>a mapping merges key by key (a key the document lacks is added, and the normal parse judges it: an unknown
/// key is the usual unknown-key error, at the override);</item>
/// <item>a list of mappings whose entries have <c>name</c> (roles, providers, fleets, trust anchors, profiles)
/// merges entry by entry by <c>name</c>; an override entry naming no existing entry is an error, never an
/// append;</item>
/// <item>any other list, and every single value, is replaced whole;</item>
/// <item><c>targets</c>, <c>account</c>, <c>region</c> and <c>overrides</c> cannot be overridden (the target's own
/// <c>account</c>/<c>region</c> say where it deploys), and an override cannot delete a key.</item>
/// </list>
/// The document is changed in place: the loader parses a fresh copy of the file for every target.
/// </summary>
internal static class OverrideMerge
{
    private static readonly string[] Reserved = [TargetsParser.Key, "account", "region", TargetsParser.OverridesKey];

    /// <summary>
    /// Merges the <c>overrides</c> node of a target (at <paramref name="overridesPath"/>) into <paramref name="document"/>.
    /// Errors go to <paramref name="context"/>.
    /// </summary>
    public static void Apply(ConfigContext context, YamlMappingNode document, YamlNode overrides, string overridesPath)
    {
        if (overrides is not YamlMappingNode mapping)
        {
            context.Error(overrides, overridesPath,
                overrides is YamlScalarNode s && MappingReader.IsNull(s) ? "has no value (null)" : $"expected a mapping of stack-file keys, found {MappingReader.Describe(overrides)}",
                "write the stack-file keys this target changes indented below `overrides:` (e.g. `network: {vpcCidr: 10.30.0.0/16}`), or remove `overrides:`.");
            return;
        }

        if (mapping.Children.Count == 0)
        {
            context.Error(overrides, overridesPath, "is empty, so it overrides nothing",
                "write the stack-file keys this target changes below `overrides:`, or remove `overrides:`.");
            return;
        }

        new Merger(context, document, overridesPath).MergeMapping(document, mapping, "", top: true);
    }

    private sealed class Merger
    {
        private readonly ConfigContext _context;
        private readonly string _overridesPath;
        private readonly Dictionary<YamlNode, int> _uses;

        public Merger(ConfigContext context, YamlMappingNode document, string overridesPath)
        {
            _context = context;
            _overridesPath = overridesPath;
            _uses = CountUses(document);
        }

        public void MergeMapping(YamlMappingNode into, YamlMappingNode from, string path, bool top = false)
        {
            foreach (var (keyNode, value) in from.Children.ToList())
            {
                if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key } scalarKey || MappingReader.IsNull(scalarKey))
                {
                    _context.Error(keyNode, Join(_overridesPath, path), $"a key must be a plain string, found {MappingReader.Describe(keyNode)}",
                        "write the key as a plain word, e.g. `network:`.");
                    continue;
                }

                var keyPath = Join(path, key);
                if (top && Reserved.Contains(key, StringComparer.Ordinal))
                {
                    _context.Error(keyNode, _overridesPath + "." + key, $"'{key}' cannot be overridden",
                        key is "account" or "region"
                            ? $"write `{key}:` on the target itself (next to `overrides:`), not inside its overrides."
                            : $"remove it from the overrides: a target cannot declare {(key == TargetsParser.Key ? "targets" : "overrides of overrides")}.");
                    continue;
                }

                if (!into.Children.TryGetValue(keyNode, out var existing))
                {
                    // A key the document lacks: added; the normal parse judges it (an unknown key is reported here).
                    into.Children.Add(keyNode, value);
                    continue;
                }

                into.Children[keyNode] = Merge(existing, value, keyPath);
            }
        }

        private YamlNode Merge(YamlNode existing, YamlNode value, string path)
        {
            switch (existing, value)
            {
                case (YamlMappingNode into, YamlMappingNode from):
                    if (!Owned(into, from, path))
                    {
                        return existing;
                    }

                    MergeMapping(into, from, path);
                    return into;
                case (YamlSequenceNode into, YamlSequenceNode from) when IsNamed(into) || IsNamed(from):
                    if (Owned(into, from, path))
                    {
                        MergeNamed(into, from, path);
                    }

                    return into;
                default:
                    // Every other list and every single value is replaced whole.
                    return value;
            }
        }

        private void MergeNamed(YamlSequenceNode into, YamlSequenceNode from, string path)
        {
            var byName = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
            foreach (var item in into.Children.OfType<YamlMappingNode>())
            {
                if (NameOf(item) is { } name)
                {
                    byName.TryAdd(name, item);
                }
            }

            var noun = Noun(path);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < from.Children.Count; i++)
            {
                var item = from.Children[i];
                var itemPath = string.Create(CultureInfo.InvariantCulture, $"{Join(_overridesPath, path)}[{i}]");
                if (item is not YamlMappingNode mapping || NameOf(mapping) is not { } name)
                {
                    _context.Error(item, itemPath,
                        $"an override of {path} must name the {noun} it changes, found {MappingReader.Describe(item)}{(item is YamlMappingNode ? " without `name`" : "")}",
                        $"write `- name: <an existing {noun}>` followed by the keys to change.");
                    continue;
                }

                if (!seen.Add(name))
                {
                    _context.Error(item, itemPath, $"override {path}: the {noun} '{name}' is overridden twice",
                        $"merge the two overrides of '{name}' into one entry.");
                    continue;
                }

                if (!byName.TryGetValue(name, out var target))
                {
                    var names = byName.Keys.ToList();
                    var nearest = KeySuggester.Nearest(name, names);
                    _context.Error(item, itemPath,
                        $"override {path}: no {noun} named '{name}' ({Plural(noun)}: {(names.Count == 0 ? "none" : string.Join(", ", names))})",
                        (nearest is not null ? $"did you mean '{nearest}'? " : "")
                        + $"Overrides change existing entries only; to add a {noun} for some targets, add it to the stack file's {path} (every target gets it).");
                    continue;
                }

                if (Owned(target, mapping, itemPath))
                {
                    MergeMapping(target, mapping, path + "[" + name + "]");
                }
            }
        }

        /// <summary>
        /// False (with an error) when <paramref name="node"/> is an anchor used more than once (<c>&amp;x</c> …
        /// <c>*x</c>): changing it in place would change every use, not the one the override names.
        /// </summary>
        private bool Owned(YamlNode node, YamlNode overrideNode, string path)
        {
            if (_uses.GetValueOrDefault(node) <= 1)
            {
                return true;
            }

            _context.Error(overrideNode, Join(_overridesPath, path),
                $"the value this overrides{(node.Anchor.IsEmpty ? "" : $" (&{node.Anchor.Value})")} is a YAML anchor used in more than one place, so one override would change all of them",
                "write the value out where it is overridden instead of using the alias, or override it in full.");
            return false;
        }

        private static string? NameOf(YamlMappingNode item) =>
            item.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode { Value: { Length: > 0 } text } scalar && !MappingReader.IsNull(scalar)
                ? text
                : null;

        private static bool IsNamed(YamlSequenceNode sequence) =>
            sequence.Children.Count > 0 && sequence.Children.Any(c => c is YamlMappingNode m && NameOf(m) is not null);

        private static string Noun(string path)
        {
            var last = path[(path.LastIndexOf('.') + 1)..];
            last = last.Contains('[', StringComparison.Ordinal) ? last[..last.IndexOf('[', StringComparison.Ordinal)] : last;
            return last switch
            {
                "roles" or "crossAccount" => "role",
                "providers" => "provider",
                "profiles" => "profile",
                "trustAnchors" => "trust anchor",
                "edgeFleets" => "fleet",
                _ => "entry",
            };
        }

        private static string Plural(string noun) => noun == "entry" ? "entries" : noun + "s";

        private static string Join(string path, string key) => path.Length == 0 ? key : key.Length == 0 ? path : path + "." + key;

        /// <summary>How often each list and mapping appears in the document (an aliased node more than once). Not recursive.</summary>
        private static Dictionary<YamlNode, int> CountUses(YamlNode root)
        {
            var uses = new Dictionary<YamlNode, int>(ReferenceEqualityComparer.Instance);
            var pending = new Stack<YamlNode>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var node = pending.Pop();
                if (node is YamlScalarNode)
                {
                    continue;
                }

                var count = uses.GetValueOrDefault(node) + 1;
                uses[node] = count;
                if (count > 1)
                {
                    continue;
                }

                var children = node switch
                {
                    YamlMappingNode m => m.Children.Values,
                    YamlSequenceNode s => (IEnumerable<YamlNode>)s.Children,
                    _ => [],
                };
                foreach (var child in children)
                {
                    pending.Push(child);
                }
            }

            return uses;
        }
    }
}
