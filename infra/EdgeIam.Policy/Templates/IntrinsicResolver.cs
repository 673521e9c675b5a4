using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeIam.Policy.Templates;

/// <summary>
/// Turns CloudFormation JSON with intrinsic functions into plain JSON: pseudo parameters become the stack's environment
/// (or stay symbolic when unknown), <c>Ref</c>/<c>Fn::GetAtt</c> become symbols that keep identity (see
/// <see cref="SymbolicValue"/>), <c>Fn::Sub</c> and <c>Fn::Join</c> are evaluated around them, and OIDC providers
/// resolve to their ARN so a <c>Federated</c> principal names its issuer.
/// </summary>
internal sealed class IntrinsicResolver
{
    private readonly JsonElement _resources;
    private readonly JsonElement _parameters;
    private readonly JsonElement _mappings;
    private readonly JsonElement _conditions;
    private readonly StackEnvironment _environment;
    private readonly string _stackName;
    private const int MaximumConditionDepth = 256;
    private int _openEvaluations;
    private readonly List<string> _open = [];
    private readonly Dictionary<string, bool?> _conditionValues = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, bool> _assignment = new Dictionary<string, bool>();

    public IntrinsicResolver(JsonElement template, StackEnvironment environment, string stackName)
    {
        _resources = Section(template, "Resources");
        _parameters = Section(template, "Parameters");
        _mappings = Section(template, "Mappings");
        _conditions = Section(template, "Conditions");
        _environment = environment;
        _stackName = stackName;
    }

    /// <summary>Resolves a value; null when it is <c>AWS::NoValue</c>.</summary>
    public JsonNode? Resolve(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (TryIntrinsic(element, out var resolved))
                {
                    return resolved;
                }

                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (IsNoValue(property.Value))
                    {
                        continue;
                    }

                    var value = Resolve(property.Value);
                    if (value is null && IsIf(property.Value))
                    {
                        // Fn::If that chose AWS::NoValue removes the property, as CloudFormation does.
                        continue;
                    }

                    obj[property.Name] = value;
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    if (IsNoValue(item))
                    {
                        continue;
                    }

                    var value = Resolve(item);
                    if (value is null && IsIf(item))
                    {
                        continue;
                    }

                    array.Add(value);
                }

                return array;
            default:
                return JsonNode.Parse(element.GetRawText());
        }
    }

    /// <summary>Resolves a value that must be a string; anything else becomes its compact JSON.</summary>
    public string ResolveString(JsonElement element) => AsString(Resolve(element));

    /// <summary>The logical ID a <c>Ref</c> or <c>Fn::GetAtt</c> points at, without resolving it.</summary>
    public static string? ReferencedLogicalId(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty("Ref", out var r) && r.ValueKind == JsonValueKind.String)
        {
            return r.GetString();
        }

        if (element.TryGetProperty("Fn::GetAtt", out var g))
        {
            return g.ValueKind switch
            {
                JsonValueKind.Array when g.GetArrayLength() > 0 => g[0].GetString(),
                JsonValueKind.String => g.GetString()!.Split('.')[0],
                _ => null,
            };
        }

        return null;
    }

    public static string AsString(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static JsonElement Section(JsonElement template, string name) =>
        template.ValueKind == JsonValueKind.Object && template.TryGetProperty(name, out var section) && section.ValueKind == JsonValueKind.Object
            ? section
            : default;

    private static bool IsIf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("Fn::If", out _);

    private static bool IsNoValue(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("Ref", out var r)
        && r.ValueKind == JsonValueKind.String && r.GetString() == "AWS::NoValue";

    private bool TryIntrinsic(JsonElement element, out JsonNode? result)
    {
        result = null;
        using var properties = element.EnumerateObject();
        if (!properties.MoveNext())
        {
            return false;
        }

        var only = properties.Current;
        if (properties.MoveNext() || !(only.Name == "Ref" || only.Name.StartsWith("Fn::", StringComparison.Ordinal) || only.Name == "Condition"))
        {
            return false;
        }

        var arg = only.Value;
        switch (only.Name)
        {
            case "Ref":
                result = Ref(arg.GetString() ?? string.Empty);
                return true;
            case "Fn::GetAtt":
                var (id, attribute) = arg.ValueKind == JsonValueKind.Array
                    ? (arg[0].GetString() ?? string.Empty, string.Join('.', arg.EnumerateArray().Skip(1).Select(a => AsString(Resolve(a)))))
                    : SplitGetAtt(arg.GetString() ?? string.Empty);
                result = GetAtt(id, attribute);
                return true;
            case "Fn::Sub":
                result = Sub(arg);
                return true;
            case "Fn::Join":
                result = Join(arg);
                return true;
            case "Fn::Select":
                result = Select(arg);
                return true;
            case "Fn::Split":
                result = Split(arg);
                return true;
            case "Fn::If":
                result = If(arg);
                return true;
            case "Fn::FindInMap":
                result = FindInMap(arg);
                return true;
            case "Fn::Base64":
                var text = ResolveString(arg);
                result = SymbolicValue.ContainsSymbol(text) ? SymbolicValue.Opaque("Fn::Base64", text) : Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
                return true;
            case "Condition":
                return false;
            default:
                // Fn::ImportValue, Fn::GetAZs, Fn::Cidr, Fn::Equals...: unknown until deploy; keep a readable symbol.
                result = SymbolicValue.Opaque(only.Name, AsString(Resolve(arg)));
                return true;
        }
    }

    private static (string, string) SplitGetAtt(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (text, string.Empty) : (text[..dot], text[(dot + 1)..]);
    }

    private JsonNode? Ref(string name)
    {
        switch (name)
        {
            case "AWS::AccountId": return _environment.Account ?? SymbolicValue.Pseudo(name);
            case "AWS::Region": return _environment.Region ?? SymbolicValue.Pseudo(name);
            case "AWS::Partition": return _environment.Partition;
            case "AWS::URLSuffix": return _environment.UrlSuffix;
            case "AWS::StackName": return _stackName;
            case "AWS::NoValue": return null;
        }

        if (name.StartsWith("AWS::", StringComparison.Ordinal))
        {
            return SymbolicValue.Pseudo(name);
        }

        if (OidcProviderArn(name) is { } arn)
        {
            return arn;
        }

        return SymbolicValue.Ref(name);
    }

    private JsonNode GetAtt(string id, string attribute)
    {
        if (attribute == "Arn" && OidcProviderArn(id) is { } arn)
        {
            return arn;
        }

        return SymbolicValue.GetAtt(id, attribute);
    }

    /// <summary>Ref and GetAtt Arn of an OIDC provider are its ARN: arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST/PATH.</summary>
    private string? OidcProviderArn(string logicalId)
    {
        if (_resources.ValueKind != JsonValueKind.Object || !_resources.TryGetProperty(logicalId, out var resource)
            || !resource.TryGetProperty("Type", out var type) || !TemplateReader.IsOidcProviderType(type.GetString())
            || !resource.TryGetProperty("Properties", out var properties) || !properties.TryGetProperty("Url", out var urlElement))
        {
            return null;
        }

        var url = ResolveString(urlElement);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var issuer = (scheme >= 0 ? url[(scheme + 3)..] : url).TrimEnd('/');
        var account = _environment.Account ?? SymbolicValue.Pseudo("AWS::AccountId");
        return $"arn:{_environment.Partition}:iam::{account}:oidc-provider/{issuer}";
    }

    private JsonNode Sub(JsonElement arg)
    {
        string template;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (arg.ValueKind == JsonValueKind.Array)
        {
            template = arg[0].GetString() ?? string.Empty;
            if (arg.GetArrayLength() > 1 && arg[1].ValueKind == JsonValueKind.Object)
            {
                foreach (var v in arg[1].EnumerateObject())
                {
                    variables[v.Name] = ResolveString(v.Value);
                }
            }
        }
        else
        {
            template = arg.GetString() ?? string.Empty;
        }

        var result = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("${", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                result.Append(template, i, template.Length - i);
                break;
            }

            result.Append(template, i, open - i);
            var name = template.Substring(open + 2, close - open - 2);
            if (name.StartsWith('!'))
            {
                // ${!Literal} is how Fn::Sub writes a literal ${Literal}, e.g. an IAM policy variable.
                result.Append("${").Append(name, 1, name.Length - 1).Append('}');
            }
            else if (variables.TryGetValue(name, out var value))
            {
                result.Append(value);
            }
            else if (name.Contains('.', StringComparison.Ordinal) && !name.StartsWith("AWS::", StringComparison.Ordinal))
            {
                var (id, attribute) = SplitGetAtt(name);
                result.Append(AsString(GetAtt(id, attribute)));
            }
            else
            {
                result.Append(AsString(Ref(name)));
            }

            i = close + 1;
        }

        return JsonValue.Create(result.ToString());
    }

    private JsonNode Join(JsonElement arg)
    {
        if (arg.ValueKind != JsonValueKind.Array || arg.GetArrayLength() != 2)
        {
            return SymbolicValue.Opaque("Fn::Join", arg.GetRawText());
        }

        var delimiter = arg[0].GetString() ?? string.Empty;
        var items = Resolve(arg[1]);
        if (items is not JsonArray list)
        {
            return SymbolicValue.Opaque("Fn::Join", AsString(items));
        }

        return JsonValue.Create(string.Join(delimiter, list.Select(AsString)));
    }

    private JsonNode? Select(JsonElement arg)
    {
        if (arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() == 2
            && int.TryParse(ResolveString(arg[0]), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && Resolve(arg[1]) is JsonArray list && index < list.Count)
        {
            return list[index]?.DeepClone();
        }

        return SymbolicValue.Opaque("Fn::Select", arg.GetRawText());
    }

    private JsonNode Split(JsonElement arg)
    {
        if (arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() == 2)
        {
            var text = ResolveString(arg[1]);
            if (!SymbolicValue.ContainsSymbol(text))
            {
                var array = new JsonArray();
                foreach (var part in text.Split(arg[0].GetString() ?? string.Empty))
                {
                    array.Add(part);
                }

                return array;
            }
        }

        return SymbolicValue.Opaque("Fn::Split", arg.GetRawText());
    }

    /// <summary>
    /// Conditions whose value the template does not fix, seen by <c>Fn::If</c> since the last
    /// <see cref="BeginBranches"/>; the reader reads the resource again once per combination of their values.
    /// </summary>
    public IReadOnlyList<string> OpenConditions => _open;

    /// <summary>Starts reading one resource under the given values for deploy-time conditions (others: true).</summary>
    public void BeginBranches(IReadOnlyDictionary<string, bool> assignment)
    {
        _assignment = assignment;
        _open.Clear();
    }

    /// <summary>
    /// Picks the branch when the condition is literal (Fn::Equals/And/Or/Not over literals and other conditions);
    /// otherwise the branch of the current assignment (true when unassigned) and records the condition as open, so
    /// the reader also reads the other branch.
    /// </summary>
    private JsonNode? If(JsonElement arg)
    {
        if (arg.ValueKind != JsonValueKind.Array || arg.GetArrayLength() != 3 || arg[0].ValueKind != JsonValueKind.String)
        {
            return SymbolicValue.Opaque("Fn::If", arg.GetRawText());
        }

        var name = arg[0].GetString()!;
        var holds = ConditionHolds(name, depth: 0);
        if (holds is null)
        {
            if (!_open.Contains(name))
            {
                _open.Add(name);
            }

            holds = !_assignment.TryGetValue(name, out var assigned) || assigned;
        }

        var branch = holds.Value ? arg[1] : arg[2];
        return IsNoValue(branch) ? null : Resolve(branch);
    }

    /// <summary>True or false when the template fixes the condition; null when it depends on deploy-time input.</summary>
    private bool? ConditionHolds(string name, int depth)
    {
        // Memoized: conditions form a graph, and And/Or fan-out over shared conditions would otherwise be exponential.
        // A condition met again while it is being evaluated (a cycle) is unresolved; so is a chain deeper than
        // MaximumConditionDepth (not cached), which keeps a hostile chain from exhausting the stack.
        if (_conditionValues.TryGetValue(name, out var known))
        {
            return known;
        }

        if (depth > MaximumConditionDepth || _openEvaluations > MaximumConditionDepth
            || _conditions.ValueKind != JsonValueKind.Object || !_conditions.TryGetProperty(name, out var condition))
        {
            return null;
        }

        // Counted across Fn::Equals operands too, which may hold an Fn::If on another condition.
        _openEvaluations++;
        try
        {
            _conditionValues[name] = null;
            var value = Evaluate(condition, depth + 1);
            _conditionValues[name] = value;
            return value;
        }
        finally
        {
            _openEvaluations--;
        }
    }

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html
    private bool? Evaluate(JsonElement condition, int depth)
    {
        if (condition.ValueKind != JsonValueKind.Object || depth > MaximumConditionDepth)
        {
            return null;
        }

        using var properties = condition.EnumerateObject();
        if (!properties.MoveNext())
        {
            return null;
        }

        var only = properties.Current;
        if (properties.MoveNext())
        {
            return null;
        }

        var arg = only.Value;
        switch (only.Name)
        {
            case "Condition" when arg.ValueKind == JsonValueKind.String:
                return ConditionHolds(arg.GetString()!, depth);
            case "Fn::Equals" when arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() == 2:
                var left = ResolveString(arg[0]);
                var right = ResolveString(arg[1]);
                return SymbolicValue.ContainsSymbol(left) || SymbolicValue.ContainsSymbol(right) ? null : left == right;
            case "Fn::Not" when arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() == 1:
                return !Evaluate(arg[0], depth + 1);
            case "Fn::And" when arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() > 0:
                var and = arg.EnumerateArray().Select(c => Evaluate(c, depth + 1)).ToList();
                return and.Any(v => v == false) ? false : and.All(v => v == true) ? true : null;
            case "Fn::Or" when arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() > 0:
                var or = arg.EnumerateArray().Select(c => Evaluate(c, depth + 1)).ToList();
                return or.Any(v => v == true) ? true : or.All(v => v == false) ? false : null;
            default:
                return null;
        }
    }

    private JsonNode? FindInMap(JsonElement arg)
    {
        if (arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() == 3 && _mappings.ValueKind == JsonValueKind.Object
            && _mappings.TryGetProperty(ResolveString(arg[0]), out var map)
            && map.TryGetProperty(ResolveString(arg[1]), out var top)
            && top.TryGetProperty(ResolveString(arg[2]), out var value))
        {
            return Resolve(value);
        }

        return SymbolicValue.Opaque("Fn::FindInMap", arg.GetRawText());
    }

    internal bool IsParameter(string name) => _parameters.ValueKind == JsonValueKind.Object && _parameters.TryGetProperty(name, out _);
}
