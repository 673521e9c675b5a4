using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Templates;

/// <summary>
/// Reads a CloudFormation template (JSON) into a <see cref="StackTemplate"/>: roles with trust and permission
/// policies, OIDC providers, Roles Anywhere anchors and profiles, launch templates, instances, users and keys.
/// Duplicate keys and invalid policies are bad input, reported with the file and JSON path.
/// </summary>
public static class TemplateReader
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool IsOidcProviderType(string? type) => type is "AWS::IAM::OIDCProvider" or "Custom::AWSCDKOpenIdConnectProvider";

    public static StackTemplate ReadFile(string filePath, string stackName, string stackId, StackEnvironment environment)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(filePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TemplateException(filePath, JsonPaths.Root, $"cannot read the template: {ex.Message}");
        }

        return Read(bytes, filePath, stackName, stackId, environment);
    }

    public static StackTemplate Read(ReadOnlySpan<byte> utf8Json, string filePath, string stackName, string stackId, StackEnvironment environment)
    {
        JsonDocument document;
        try
        {
            var duplicates = DuplicateKeyDetector.Find(utf8Json);
            if (duplicates.Count > 0)
            {
                throw new TemplateException(filePath, duplicates[0].JsonPath, duplicates[0].Message);
            }

            document = JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException ex)
        {
            throw new TemplateException(filePath, ex.Path ?? JsonPaths.Root, $"not valid JSON (line {(ex.LineNumber + 1)?.ToString(CultureInfo.InvariantCulture)}): {ex.Message}");
        }

        using (document)
        {
            return new Reader(document.RootElement, filePath, stackName, stackId, environment).Read();
        }
    }

    private sealed class Reader(JsonElement root, string filePath, string stackName, string stackId, StackEnvironment environment)
    {
        private const string ResourcesPath = "$.Resources";
        private readonly IntrinsicResolver _resolver = new(root, environment, stackId);
        private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<PermissionPolicy>> _attached = new(StringComparer.Ordinal);

        public StackTemplate Read()
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(JsonPaths.Root, "a CloudFormation template must be a JSON object");
            }

            // CDK writes no Resources section for a stack without resources; that is an empty stack, not bad input.
            var resources = root.TryGetProperty("Resources", out var section) ? section : default;
            if (resources.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined))
            {
                throw Error(ResourcesPath, "\"Resources\" must be an object of resources");
            }

            var all = new List<(string Id, string Type, JsonElement Resource, JsonElement Properties, string Path)>();
            var entries = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().ToList() : [];
            foreach (var resource in entries)
            {
                var path = JsonPaths.Property(ResourcesPath, resource.Name);
                if (resource.Value.ValueKind != JsonValueKind.Object || !resource.Value.TryGetProperty("Type", out var type) || type.ValueKind != JsonValueKind.String)
                {
                    throw Error(path, "a resource needs a \"Type\" string");
                }

                _types[resource.Name] = type.GetString()!;
                var properties = resource.Value.TryGetProperty("Properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
                all.Add((resource.Name, type.GetString()!, resource.Value, properties, path));
            }

            // Separate policy resources first, so every role sees all of its policies.
            foreach (var r in all.Where(r => r.Type is "AWS::IAM::Policy" or "AWS::IAM::RolePolicy" or "AWS::IAM::ManagedPolicy"))
            {
                ReadPolicyResource(r.Id, r.Type, r.Resource, r.Properties, r.Path);
            }

            var roles = new List<RoleResource>();
            var providers = new List<OidcProviderResource>();
            var anchors = new List<TrustAnchorResource>();
            var profiles = new List<RolesAnywhereProfileResource>();
            var launchTemplates = new List<LaunchTemplateResource>();
            var instances = new List<InstanceResource>();
            var credentials = new List<TemplateResource>();
            foreach (var (id, type, resource, properties, path) in all)
            {
                switch (type)
                {
                    case "AWS::IAM::Role":
                        roles.Add(ReadRole(id, resource, properties, path));
                        break;
                    case var t when IsOidcProviderType(t):
                        providers.Add(ReadOidcProvider(id, properties, path));
                        break;
                    case "AWS::RolesAnywhere::TrustAnchor":
                        anchors.Add(new TrustAnchorResource(
                            id,
                            OptionalString(properties, "Name"),
                            properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("Source", out var source) ? OptionalString(source, "SourceType") : null,
                            OptionalString(properties, "Enabled") is not "false",
                            path));
                        break;
                    case "AWS::RolesAnywhere::Profile":
                        profiles.Add(ReadProfile(id, properties, path));
                        break;
                    case "AWS::EC2::LaunchTemplate":
                        var data = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("LaunchTemplateData", out var d) ? d : default;
                        launchTemplates.Add(new LaunchTemplateResource(
                            id, OptionalString(properties, "LaunchTemplateName"), ReadMetadataOptions(data, JsonPaths.Property(JsonPaths.Property(path, "Properties"), "LaunchTemplateData")), path));
                        break;
                    case "AWS::EC2::Instance":
                        instances.Add(ReadInstance(id, properties, path));
                        break;
                    case "AWS::IAM::User" or "AWS::IAM::AccessKey":
                        credentials.Add(new TemplateResource(id, type, path));
                        break;
                }
            }

            return new StackTemplate
            {
                Name = stackName,
                StackId = stackId,
                FilePath = filePath,
                Environment = environment,
                Roles = [.. roles.OrderBy(r => r.LogicalId, StringComparer.Ordinal)],
                OidcProviders = [.. providers.OrderBy(p => p.LogicalId, StringComparer.Ordinal)],
                TrustAnchors = [.. anchors.OrderBy(a => a.LogicalId, StringComparer.Ordinal)],
                RolesAnywhereProfiles = [.. profiles.OrderBy(p => p.LogicalId, StringComparer.Ordinal)],
                LaunchTemplates = [.. launchTemplates.OrderBy(l => l.LogicalId, StringComparer.Ordinal)],
                Instances = [.. instances.Select(i => ByName(i, launchTemplates)).OrderBy(i => i.LogicalId, StringComparer.Ordinal)],
                LongLivedCredentials = [.. credentials.OrderBy(c => c.LogicalId, StringComparer.Ordinal)],
                ResourceTypes = _types,
            };
        }

        private static InstanceResource ByName(InstanceResource instance, List<LaunchTemplateResource> templates)
        {
            if (instance.LaunchTemplateLogicalId is not { } reference || !reference.StartsWith("name:", StringComparison.Ordinal))
            {
                return instance;
            }

            var name = reference["name:".Length..];
            return instance with { LaunchTemplateLogicalId = templates.FirstOrDefault(t => t.Name == name)?.LogicalId };
        }

        private RoleResource ReadRole(string id, JsonElement resource, JsonElement properties, string path)
        {
            var propertiesPath = JsonPaths.Property(path, "Properties");
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty("AssumeRolePolicyDocument", out var trustElement))
            {
                throw Error(propertiesPath, "a role needs an \"AssumeRolePolicyDocument\"");
            }

            var (trust, trustSize) = ReadPolicy(trustElement, JsonPaths.Property(propertiesPath, "AssumeRolePolicyDocument"));
            var roleName = OptionalString(properties, "RoleName");
            var justifications = Justifications.FromMetadata(resource);
            var policies = new List<PermissionPolicy>();
            if (properties.TryGetProperty("Policies", out var inline) && inline.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var entry in inline.EnumerateArray())
                {
                    var entryPath = JsonPaths.Index(JsonPaths.Property(propertiesPath, "Policies"), i++);
                    if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("PolicyDocument", out var documentElement))
                    {
                        throw Error(entryPath, "an inline policy needs a \"PolicyDocument\"");
                    }

                    var (document, size) = ReadPolicy(documentElement, JsonPaths.Property(entryPath, "PolicyDocument"));
                    var name = entry.TryGetProperty("PolicyName", out var n) ? _resolver.ResolveString(n) : $"Policies[{i - 1}]";
                    policies.Add(new PermissionPolicy(name, PermissionPolicyKind.Inline, id, document, size, justifications));
                }
            }

            if (_attached.TryGetValue(id, out var attached))
            {
                policies.AddRange(attached);
            }

            if (roleName is not null && _attached.TryGetValue("name:" + roleName, out var byName))
            {
                policies.AddRange(byName);
            }

            var managed = new List<string>();
            if (properties.TryGetProperty("ManagedPolicyArns", out var arns) && arns.ValueKind == JsonValueKind.Array)
            {
                foreach (var arn in arns.EnumerateArray())
                {
                    // A managed policy of this template is counted through its own resource, not twice.
                    var referenced = IntrinsicResolver.ReferencedLogicalId(arn);
                    if (referenced is not null && _types.TryGetValue(referenced, out var t) && t == "AWS::IAM::ManagedPolicy")
                    {
                        if (!policies.Any(p => p.SourceLogicalId == referenced))
                        {
                            policies.AddRange(_attached.GetValueOrDefault("managed:" + referenced, []));
                        }

                        continue;
                    }

                    managed.Add(_resolver.ResolveString(arn));
                }
            }

            int? maxSession = properties.TryGetProperty("MaxSessionDuration", out var m)
                && int.TryParse(_resolver.ResolveString(m), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
            var boundary = properties.TryGetProperty("PermissionsBoundary", out var b) ? _resolver.ResolveString(b) : null;
            return new RoleResource(id, ConfigName(resource, properties), roleName, trust, trustSize,
                policies, managed, maxSession, boundary, justifications, path);
        }

        private void ReadPolicyResource(string id, string type, JsonElement resource, JsonElement properties, string path)
        {
            var propertiesPath = JsonPaths.Property(path, "Properties");
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty("PolicyDocument", out var documentElement))
            {
                throw Error(propertiesPath, "a policy resource needs a \"PolicyDocument\"");
            }

            var (document, size) = ReadPolicy(documentElement, JsonPaths.Property(propertiesPath, "PolicyDocument"));
            var name = OptionalString(properties, type == "AWS::IAM::ManagedPolicy" ? "ManagedPolicyName" : "PolicyName") ?? id;
            var kind = type switch
            {
                "AWS::IAM::ManagedPolicy" => PermissionPolicyKind.CustomerManaged,
                _ => PermissionPolicyKind.InlineResource,
            };
            var policy = new PermissionPolicy(name, kind, id, document, size, Justifications.FromMetadata(resource));
            var targets = new List<string>();
            if (type == "AWS::IAM::RolePolicy" && properties.TryGetProperty("RoleName", out var roleName))
            {
                targets.Add(RoleKey(roleName));
            }

            if (properties.TryGetProperty("Roles", out var roles) && roles.ValueKind == JsonValueKind.Array)
            {
                targets.AddRange(roles.EnumerateArray().Select(RoleKey));
            }

            foreach (var target in targets.Distinct(StringComparer.Ordinal))
            {
                if (!_attached.TryGetValue(target, out var list))
                {
                    _attached[target] = list = [];
                }

                list.Add(policy);
            }

            if (kind == PermissionPolicyKind.CustomerManaged)
            {
                _attached["managed:" + id] = [policy];
            }
        }

        /// <summary>A role reference: its logical ID for Ref/GetAtt, else "name:" and the literal role name.</summary>
        private string RoleKey(JsonElement reference) =>
            IntrinsicResolver.ReferencedLogicalId(reference) ?? "name:" + _resolver.ResolveString(reference);

        private (PolicyDocument Document, int Size) ReadPolicy(JsonElement element, string path)
        {
            var node = _resolver.Resolve(element);
            try
            {
                var document = PolicyParser.Parse(node, path);
                return (document, node?.ToJsonString(Compact).Length ?? 0);
            }
            catch (PolicyParseException ex)
            {
                var first = ex.Errors.Count > 0 ? ex.Errors[0] : new PolicyError(path, ex.Message);
                var more = ex.Errors.Count > 1 ? $" (and {ex.Errors.Count - 1} more: {string.Join("; ", ex.Errors.Skip(1))})" : string.Empty;
                throw Error(first.JsonPath, first.Message + more);
            }
        }

        private OidcProviderResource ReadOidcProvider(string id, JsonElement properties, string path)
        {
            var url = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("Url", out var u) ? _resolver.ResolveString(u) : string.Empty;
            var arn = IntrinsicResolver.AsString(_resolver.Resolve(JsonDocument.Parse($$"""{"Ref":"{{id}}"}""").RootElement));
            return new OidcProviderResource(
                id, url, arn,
                StringList(properties, "ClientIdList").Concat(StringList(properties, "ClientIDList")).ToList(),
                StringList(properties, "ThumbprintList"),
                path);
        }

        private RolesAnywhereProfileResource ReadProfile(string id, JsonElement properties, string path)
        {
            var arns = new List<string>();
            var roleIds = new List<string>();
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("RoleArns", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var arn in list.EnumerateArray())
                {
                    arns.Add(_resolver.ResolveString(arn));
                    if (IntrinsicResolver.ReferencedLogicalId(arn) is { } roleId)
                    {
                        roleIds.Add(roleId);
                    }
                }
            }

            int? duration = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("DurationSeconds", out var ds)
                && int.TryParse(_resolver.ResolveString(ds), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;
            return new RolesAnywhereProfileResource(id, OptionalString(properties, "Name"), arns, roleIds, duration, path);
        }

        private InstanceResource ReadInstance(string id, JsonElement properties, string path)
        {
            string? launchTemplate = null;
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("LaunchTemplate", out var lt) && lt.ValueKind == JsonValueKind.Object)
            {
                foreach (var key in new[] { "LaunchTemplateId", "LaunchTemplateName" })
                {
                    if (lt.TryGetProperty(key, out var reference))
                    {
                        // CDK's requireImdsv2 names its template literally; "name:" marks a name to look up later.
                        launchTemplate ??= IntrinsicResolver.ReferencedLogicalId(reference)
                            ?? (key == "LaunchTemplateName" ? "name:" + _resolver.ResolveString(reference) : null);
                    }
                }
            }

            return new InstanceResource(id, launchTemplate, ReadMetadataOptions(properties, JsonPaths.Property(path, "Properties")), path);
        }

        private MetadataOptions? ReadMetadataOptions(JsonElement container, string containerPath)
        {
            if (container.ValueKind != JsonValueKind.Object || !container.TryGetProperty("MetadataOptions", out var options) || options.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            int? hops = options.TryGetProperty("HttpPutResponseHopLimit", out var h)
                && int.TryParse(_resolver.ResolveString(h), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
            return new MetadataOptions(
                OptionalString(options, "HttpTokens"),
                OptionalString(options, "HttpEndpoint"),
                hops,
                JsonPaths.Property(containerPath, "MetadataOptions"));
        }

        private static string? ConfigName(JsonElement resource, JsonElement properties)
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("Tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
            {
                foreach (var tag in tags.EnumerateArray())
                {
                    if (tag.ValueKind == JsonValueKind.Object && tag.TryGetProperty("Key", out var key) && key.ValueKind == JsonValueKind.String
                        && key.GetString() == RoleResource.ConfigNameKey && tag.TryGetProperty("Value", out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString();
                    }
                }
            }

            if (resource.TryGetProperty("Metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty(RoleResource.ConfigNameKey, out var name) && name.ValueKind == JsonValueKind.String)
            {
                return name.GetString();
            }

            return null;
        }

        private string? OptionalString(JsonElement obj, string key) =>
            obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(key, out var value) ? _resolver.ResolveString(value) : null;

        private List<string> StringList(JsonElement obj, string key)
        {
            if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(key, out var list))
            {
                return [];
            }

            return _resolver.Resolve(list) is JsonArray array ? array.Select(IntrinsicResolver.AsString).ToList() : [];
        }

        private TemplateException Error(string jsonPath, string message) => new(filePath, jsonPath, message);
    }
}
