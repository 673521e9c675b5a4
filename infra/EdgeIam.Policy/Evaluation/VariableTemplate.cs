using System.Text;

namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// A policy value with policy variables (<c>${aws:username}</c>, <c>${aws:PrincipalTag/team, 'none'}</c>) and the
/// escapes <c>${*}</c>, <c>${?}</c>, <c>${$}</c> (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
/// Substituted text and escapes are literal: they never act as wildcards. Substitution is a single pass.
/// </summary>
internal sealed class VariableTemplate
{
    private readonly Part[] _parts;

    private VariableTemplate(string raw, Part[] parts)
    {
        Raw = raw;
        _parts = parts;
    }

    public string Raw { get; }

    /// <summary>True when at least one part needs the request (a variable, not just an escape).</summary>
    public bool HasVariables => Array.Exists(_parts, p => p.VariableKey is not null);

    /// <summary>True when the value holds a variable or an escape, i.e. differs from its raw text.</summary>
    public bool IsDynamic => _parts.Length != 1 || _parts[0].VariableKey is not null || !_parts[0].WildcardsActive;

    /// <summary>
    /// Splits <paramref name="raw"/> into literal text and variables. <c>${...}</c> that is not an IAM variable
    /// (CloudFormation symbols such as <c>${AWS::AccountId}</c> or <c>${Role.Arn}</c>, which never hold a single
    /// colon) stays literal text.
    /// </summary>
    public static VariableTemplate Parse(string raw)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < raw.Length)
        {
            var open = raw.IndexOf("${", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : ClosingBrace(raw, open + 2);
            if (open < 0 || close < 0)
            {
                literal.Append(raw, i, raw.Length - i);
                break;
            }

            literal.Append(raw, i, open - i);
            var body = raw.Substring(open + 2, close - open - 2);
            if (body is "*" or "?" or "$")
            {
                Flush(parts, literal);
                parts.Add(new Part(body, WildcardsActive: false, VariableKey: null, Default: null));
            }
            else if (TryParseVariable(body, out var key, out var defaultValue))
            {
                Flush(parts, literal);
                parts.Add(new Part(string.Empty, WildcardsActive: false, key, defaultValue) { VariableName = VariableNameOf(body) });
            }
            else
            {
                literal.Append(raw, open, close - open + 1);
            }

            i = close + 1;
        }

        Flush(parts, literal);
        return new VariableTemplate(raw, [.. parts]);
    }

    /// <summary>
    /// Substitutes every variable. Fails (the value then matches nothing) when a variable has no single value in the
    /// request and no default: multivalued keys cannot be variables.
    /// </summary>
    public bool TryResolve(RequestContext context, out string text, out bool[] wildcardMask) => Resolve(context, open: false, out text, out wildcardMask);

    /// <summary>The condition keys of the variables in the value, as written, e.g. <c>aws:PrincipalTag/x509Subject/CN</c>.</summary>
    public IEnumerable<string> VariableNames => _parts.Where(p => p.VariableKey is not null).Select(p => p.VariableName!);

    /// <summary>
    /// Substitutes the variables the request carries (one value each) and turns every variable whose key the request
    /// does not carry into a live <c>*</c>: the value as it could match once the request carries that key, whatever
    /// its value. A carried key with several values has no single value and fails as in <see cref="TryResolve"/>. For
    /// "could this statement apply to a request that also carried other keys" (access assertions), never for a decision.
    /// </summary>
    public bool TryResolveOpen(RequestContext context, out string text, out bool[] wildcardMask) => Resolve(context, open: true, out text, out wildcardMask);

    /// <summary>
    /// The substitution behind <see cref="TryResolve"/> and <see cref="TryResolveOpen"/>: with <paramref name="open"/>
    /// a variable whose key the request does not carry (or carries with no value) becomes a live <c>*</c>.
    /// </summary>
    private static bool Carries(RequestContext context, string key) => context.TryGetValues(key, out var values) && values.Length > 0;

    private bool Resolve(RequestContext context, bool open, out string text, out bool[] wildcardMask)
    {
        var builder = new StringBuilder();
        var mask = new List<bool>();
        foreach (var part in _parts)
        {
            string value;
            var active = part.WildcardsActive;
            if (part.VariableKey is null)
            {
                value = part.Text;
            }
            else if (open && !Carries(context, part.VariableKey))
            {
                value = "*";
                active = true;
            }
            else if (context.TryGetValues(part.VariableKey, out var values) && values.Length == 1)
            {
                value = values[0];
            }
            else if (part.Default is not null)
            {
                value = part.Default;
            }
            else
            {
                text = string.Empty;
                wildcardMask = [];
                return false;
            }

            builder.Append(value);
            for (var c = 0; c < value.Length; c++)
            {
                mask.Add(active);
            }
        }

        text = builder.ToString();
        wildcardMask = [.. mask];
        return true;
    }

    /// <summary>Like <see cref="TryResolve"/> for operators without wildcards.</summary>
    public bool TryResolveText(RequestContext context, out string text) => TryResolve(context, out text, out _);

    /// <summary>The <c>}</c> that ends a variable; braces inside a quoted default (<c>'${x}'</c>) do not count.</summary>
    private static int ClosingBrace(string raw, int start)
    {
        var quoted = false;
        for (var i = start; i < raw.Length; i++)
        {
            switch (raw[i])
            {
                case '\'' when quoted && i + 1 < raw.Length && raw[i + 1] == '\'':
                    i++;
                    break;
                case '\'':
                    quoted = !quoted;
                    break;
                case '}' when !quoted:
                    return i;
            }
        }

        return -1;
    }

    private static bool TryParseVariable(string body, out string key, out string? defaultValue)
    {
        key = string.Empty;
        defaultValue = null;
        var name = body;
        var comma = body.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            name = body[..comma];
            var rest = body[(comma + 1)..].Trim();
            if (rest.Length < 2 || rest[0] != '\'' || rest[^1] != '\'')
            {
                return false;
            }

            // Inside a default, '' stands for one quote.
            defaultValue = rest[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        name = name.Trim();
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == name.Length - 1 || name.Contains("::", StringComparison.Ordinal) || name.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        key = name.ToLowerInvariant();
        return true;
    }

    private static void Flush(List<Part> parts, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString(), WildcardsActive: true, VariableKey: null, Default: null));
            literal.Clear();
        }
    }

    /// <summary>The key of a variable's body (<c>aws:username, 'none'</c>) as written.</summary>
    private static string VariableNameOf(string body)
    {
        var comma = body.IndexOf(',', StringComparison.Ordinal);
        return (comma >= 0 ? body[..comma] : body).Trim();
    }

    private readonly record struct Part(string Text, bool WildcardsActive, string? VariableKey, string? Default)
    {
        /// <summary>The variable's key as written (for messages); <see cref="VariableKey"/> is lower case.</summary>
        public string? VariableName { get; init; }
    }
}
