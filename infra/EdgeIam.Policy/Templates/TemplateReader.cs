using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeIam.Policy.Model;
using EdgeIam.Shared;

namespace EdgeIam.Policy.Templates;

/// <summary>
/// Reads a CloudFormation template (JSON) into a <see cref="StackTemplate"/>: roles with trust and permission
/// policies, OIDC providers, Roles Anywhere anchors and profiles, launch templates, instances, users and keys.
/// Duplicate keys and invalid policies are bad input, reported with the file and JSON path.
/// </summary>
internal static class TemplateReader
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal const string PermissionSetType = "AWS::SSO::PermissionSet";

    internal const string PodIdentityAssociationType = "AWS::EKS::PodIdentityAssociation";

    /// <summary>The account of a permission set's customer managed policy ARN: each assigned account has its own.</summary>
    internal const string AssignedAccount = "{assigned account}";

    public static bool IsOidcProviderType(string? type) => type is "AWS::IAM::OIDCProvider" or "Custom::AWSCDKOpenIdConnectProvider";

    public static StackTemplate ReadFile(string filePath, string stackName, string stackId, StackEnvironment environment)
    {
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllUtf8Bytes(filePath, InputFileLimit.Template);
        }
        catch (InputFileException ex)
        {
            throw new TemplateException(filePath, JsonPaths.Root, ex.Problem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TemplateException(filePath, JsonPaths.Root, $"cannot read the template: {ex.Message}");
        }

        return Read(bytes, filePath, stackName, stackId, environment);
    }

    /// <summary>
    /// Reads a stack's merged templates (see <see cref="NestedStackMerger"/>). Bad input in a nested resource is
    /// reported against the nested template file that declares it.
    /// </summary>
    public static StackTemplate Read(MergedTemplate merged, string filePath, string stackName, string stackId, StackEnvironment environment)
    {
        StackTemplate stack;
        try
        {
            // The merger found no duplicate key in any file, and the JSON it re-serializes cannot hold one.
            stack = Read(merged.Utf8Json, filePath, stackName, stackId, environment, keysChecked: true);
        }
        catch (TemplateException ex) when (merged.IsNested && NestedFileOf(ex.JsonPath, merged, filePath) is { } nested && ex.FilePath == filePath)
        {
            var prefix = ex.JsonPath == JsonPaths.Root ? $"{ex.FilePath}: " : $"{ex.FilePath}: {ex.JsonPath}: ";
            throw new TemplateException(nested, ex.JsonPath, ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message[prefix.Length..] : ex.Message);
        }

        if (!merged.IsNested)
        {
            return stack.WithMergedJson(merged.Utf8Json);
        }

        return stack.WithTemplateFiles(merged.ResourceFiles.Where(r => r.Value != filePath).ToDictionary(StringComparer.Ordinal), merged.TemplateFiles).WithMergedJson(merged.Utf8Json);
    }

    /// <summary>The nested file of the resource a JSON path of the merged view lies in, or null.</summary>
    private static string? NestedFileOf(string jsonPath, MergedTemplate merged, string filePath)
    {
        foreach (var (id, file) in merged.ResourceFiles)
        {
            var prefix = JsonPaths.Property("$.Resources", id);
            if (file != filePath && jsonPath.StartsWith(prefix, StringComparison.Ordinal)
                && (jsonPath.Length == prefix.Length || jsonPath[prefix.Length] is '.' or '['))
            {
                return file;
            }
        }

        return null;
    }

    public static StackTemplate Read(ReadOnlySpan<byte> utf8Json, string filePath, string stackName, string stackId, StackEnvironment environment, bool keysChecked = false)
    {
        JsonDocument document;
        try
        {
            var duplicates = keysChecked ? [] : DuplicateKeyDetector.Find(utf8Json);
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
        private const int MaximumBranches = 16;
        private readonly Dictionary<string, List<(string SourceId, List<PermissionPolicy> Policies)>> _attached = new(StringComparer.Ordinal);
        private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);
        private readonly HashSet<string> _parameters = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<PermissionPolicy>> _managed = new(StringComparer.Ordinal);

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

            if (root.TryGetProperty("Parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
            {
                foreach (var parameter in parameters.EnumerateObject())
                {
                    _parameters.Add(parameter.Name);
                }
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
            var policyResources = new List<(string Id, string Type, string Path, IReadOnlyList<PermissionPolicy> Policies, string? Branch)>();
            foreach (var r in all.Where(r => r.Type is "AWS::IAM::Policy" or "AWS::IAM::RolePolicy" or "AWS::IAM::ManagedPolicy" or "AWS::IAM::UserPolicy" or "AWS::IAM::GroupPolicy"))
            {
                policyResources.Add((r.Id, r.Type, r.Path, ReadPolicyResource(r.Id, r.Type, r.Resource, r.Properties, r.Path), null));
            }

            var roles = new List<RoleResource>();
            var holders = new List<RoleResource>();
            var providers = new List<OidcProviderResource>();
            var anchors = new List<TrustAnchorResource>();
            var profiles = new List<RolesAnywhereProfileResource>();
            var launchTemplates = new List<LaunchTemplateResource>();
            var instances = new List<InstanceResource>();
            var credentials = new List<TemplateResource>();
            var assignments = new List<PermissionSetAssignment>();
            var podIdentities = new List<PodIdentityLink>();
            foreach (var (id, type, resource, properties, path) in all)
            {
                switch (type)
                {
                    case "AWS::IAM::Role":
                        roles.Add(InBranches(() => ReadRole(id, resource, properties, path)));
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
                            path)
                        {
                            ConfigName = resource.TryGetProperty("Metadata", out var anchorMetadata) && anchorMetadata.ValueKind == JsonValueKind.Object
                                && anchorMetadata.TryGetProperty(EdgeIamMetadata.TrustAnchor, out var anchorName) && anchorName.ValueKind == JsonValueKind.String
                                ? anchorName.GetString()
                                : null,
                        });
                        break;
                    case "AWS::RolesAnywhere::Profile":
                        profiles.Add(ReadProfile(id, resource, properties, path));
                        break;
                    case LaunchTemplateResource.LaunchTemplateType:
                        var data = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("LaunchTemplateData", out var d) ? d : default;
                        launchTemplates.Add(new LaunchTemplateResource(
                            id, OptionalString(properties, "LaunchTemplateName"), ReadMetadataOptions(data, JsonPaths.Property(JsonPaths.Property(path, "Properties"), "LaunchTemplateData")), path));
                        break;
                    case LaunchTemplateResource.LaunchConfigurationType:
                        // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-autoscaling-launchconfiguration-metadataoptions.html
                        launchTemplates.Add(new LaunchTemplateResource(
                            id, OptionalString(properties, "LaunchConfigurationName"), ReadMetadataOptions(properties, JsonPaths.Property(path, "Properties")), path)
                        {
                            Type = LaunchTemplateResource.LaunchConfigurationType,
                        });
                        break;
                    case "AWS::EC2::Instance":
                        instances.Add(ReadInstance(id, properties, path));
                        break;
                    case "AWS::IAM::User":
                        credentials.Add(new TemplateResource(id, type, path));
                        holders.Add(InBranches(() => ReadPolicyHolder(id, type, resource, properties, path)));
                        break;
                    case "AWS::IAM::Group":
                        holders.Add(InBranches(() => ReadPolicyHolder(id, type, resource, properties, path)));
                        break;
                    case "AWS::IAM::AccessKey":
                        credentials.Add(new TemplateResource(id, type, path));
                        break;
                    case PermissionSetType:
                        holders.Add(InBranches(() => ReadPermissionSet(id, resource, properties, path)));
                        break;
                    case "AWS::SSO::Assignment":
                        assignments.Add(ReadAssignment(id, properties, path));
                        break;
                    case PodIdentityAssociationType:
                        podIdentities.Add(ReadPodIdentity(id, properties, path));
                        break;
                }
            }

            // A policy resource no role of the template picked up still grants (to users, groups, or roles made
            // elsewhere): the permission rules read it on its own.
            foreach (var (id, type, path, policies, _) in policyResources.Where(p => !_consumed.Contains(p.Id)))
            {
                holders.Add(new RoleResource(id, null, null, EmptyTrust(path), 0, policies, [], null, null, Justifications.None, path)
                {
                    ResourceType = type,
                });
            }

            return new StackTemplate
            {
                Name = stackName,
                StackId = stackId,
                FilePath = filePath,
                Environment = environment,
                Roles = [.. roles.OrderBy(r => r.LogicalId, StringComparer.Ordinal)],
                OtherPolicyHolders = [.. holders.OrderBy(r => r.LogicalId, StringComparer.Ordinal)],
                OidcProviders = [.. providers.OrderBy(p => p.LogicalId, StringComparer.Ordinal)],
                TrustAnchors = [.. anchors.OrderBy(a => a.LogicalId, StringComparer.Ordinal)],
                RolesAnywhereProfiles = [.. profiles.OrderBy(p => p.LogicalId, StringComparer.Ordinal)],
                LaunchTemplates = [.. launchTemplates.OrderBy(l => l.LogicalId, StringComparer.Ordinal)],
                Instances = [.. instances.Select(i => ByName(i, launchTemplates)).OrderBy(i => i.LogicalId, StringComparer.Ordinal)],
                LongLivedCredentials = [.. credentials.OrderBy(c => c.LogicalId, StringComparer.Ordinal)],
                ResourceTypes = _types,
                Parameters = _parameters,
                Assertions = Assertions.AssertionReader.Read(root, filePath),
                ManagedPolicies = _managed,
                StackFileBoundary = StackFileBoundary.Read(root, filePath),
                PermissionSetAssignments = [.. assignments.OrderBy(a => a.LogicalId, StringComparer.Ordinal)],
                PodIdentityLinks = [.. podIdentities.OrderBy(a => a.LogicalId, StringComparer.Ordinal)],
            };
        }

        private static PolicyDocument EmptyTrust(string path) => new(PolicyDocument.CurrentVersion, null, [], path);

        /// <summary>
        /// Reads a resource once per combination of the deploy-time conditions its <c>Fn::If</c>s use (each branch is
        /// checked), up to <see cref="MaximumBranches"/> readings; the first reading (every open condition true) is
        /// the primary and the others are its <see cref="RoleResource.Variants"/>.
        /// </summary>
        private RoleResource InBranches(Func<RoleResource> read)
        {
            var queue = new Queue<Dictionary<string, bool>>();
            queue.Enqueue(new Dictionary<string, bool>(StringComparer.Ordinal));
            var readings = new List<(RoleResource Role, string? Branch)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var open = new SortedSet<string>(StringComparer.Ordinal);
            var reads = 0;
            while (queue.Count > 0 && readings.Count < MaximumBranches && reads++ < MaximumBranches * 4)
            {
                var assignment = queue.Dequeue();
                _resolver.BeginBranches(assignment);
                var role = read();
                var used = _resolver.OpenConditions.ToList();
                open.UnionWith(used);
                var full = used.Order(StringComparer.Ordinal).Select(c => $"{c}={(assignment.GetValueOrDefault(c, true) ? "true" : "false")}").ToList();
                if (!seen.Add(string.Join(",", full)))
                {
                    continue;
                }

                readings.Add((role, full.Count == 0 ? null : string.Join(", ", full)));
                foreach (var condition in used.Where(c => !assignment.ContainsKey(c)))
                {
                    queue.Enqueue(new Dictionary<string, bool>(assignment, StringComparer.Ordinal) { [condition] = false });
                }
            }

            _resolver.BeginBranches(new Dictionary<string, bool>(StringComparer.Ordinal));
            var unread = queue.Count > 0 ? open.ToList() : [];
            var primary = readings[0].Role;
            return new RoleResource(primary.LogicalId, primary.ConfigName, primary.RoleName, primary.TrustPolicy, primary.TrustPolicySize,
                primary.PermissionPolicies, primary.ManagedPolicyArns, primary.MaxSessionDurationSeconds, primary.PermissionsBoundary,
                primary.Justifications, primary.JsonPath)
            {
                ResourceType = primary.ResourceType,
                UnresolvedSymbols = primary.UnresolvedSymbols,
                Branch = readings[0].Branch,
                Variants = [.. readings.Skip(1).Select(r => WithBranch(r.Role, r.Branch))],
                UnreadConditions = unread,
            };
        }

        private static RoleResource WithBranch(RoleResource role, string? branch) =>
            new(role.LogicalId, role.ConfigName, role.RoleName, role.TrustPolicy, role.TrustPolicySize,
                role.PermissionPolicies, role.ManagedPolicyArns, role.MaxSessionDurationSeconds, role.PermissionsBoundary,
                role.Justifications, role.JsonPath)
            {
                ResourceType = role.ResourceType,
                UnresolvedSymbols = role.UnresolvedSymbols,
                Branch = branch,
            };

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

            var (trust, trustSize) = ReadPolicy(_resolver.Resolve(trustElement), JsonPaths.Property(propertiesPath, "AssumeRolePolicyDocument"));
            var roleName = OptionalString(properties, "RoleName");
            var justifications = Justifications.FromMetadata(resource);
            var policies = ReadInlinePolicies(id, properties, propertiesPath, justifications);
            foreach (var key in roleName is null ? [id] : new[] { id, "name:" + roleName })
            {
                foreach (var (sourceId, attached) in _attached.GetValueOrDefault(key, []))
                {
                    _consumed.Add(sourceId);
                    policies.AddRange(attached.Where(a => !policies.Contains(a)));
                }
            }

            var managed = ReadManagedPolicyArns(properties, propertiesPath, policies);
            int? maxSession = properties.TryGetProperty("MaxSessionDuration", out var m)
                && int.TryParse(_resolver.ResolveString(m), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
            var boundary = properties.TryGetProperty("PermissionsBoundary", out var b) ? _resolver.ResolveString(b) : null;
            return new RoleResource(id, ConfigName(resource, properties), roleName, trust, trustSize,
                policies, managed, maxSession, boundary, justifications, path)
            {
                UnresolvedSymbols = UnresolvedIn(trust),
            };
        }

        /// <summary>A user or group: its inline policies and managed policies, for the permission rules.</summary>
        private RoleResource ReadPolicyHolder(string id, string type, JsonElement resource, JsonElement properties, string path)
        {
            var propertiesPath = JsonPaths.Property(path, "Properties");
            var justifications = Justifications.FromMetadata(resource);
            var policies = properties.ValueKind == JsonValueKind.Object ? ReadInlinePolicies(id, properties, propertiesPath, justifications) : [];
            var managed = properties.ValueKind == JsonValueKind.Object ? ReadManagedPolicyArns(properties, propertiesPath, policies) : [];
            return new RoleResource(id, null, null, EmptyTrust(path), 0, policies, managed, null, null, justifications, path)
            {
                ResourceType = type,
            };
        }

        /// <summary>
        /// An Identity Center permission set as a policy holder, so the permission rules read it: its inline policy,
        /// AWS managed policies, customer managed policy references (documents in each assigned account, which the
        /// engine cannot see: "cannot prove"), boundary and session duration
        /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sso-permissionset.html).
        /// </summary>
        private RoleResource ReadPermissionSet(string id, JsonElement resource, JsonElement properties, string path)
        {
            var propertiesPath = JsonPaths.Property(path, "Properties");
            var justifications = Justifications.FromMetadata(resource);
            var policies = new List<PermissionPolicy>();
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("InlinePolicy", out var inline) && _resolver.Resolve(inline) is { } inlineNode)
            {
                var (document, size) = ReadPolicy(inlineNode, JsonPaths.Property(propertiesPath, "InlinePolicy"));
                policies.Add(new PermissionPolicy("InlinePolicy", PermissionPolicyKind.Inline, id, document, size, justifications));
            }

            var managed = new List<string>();
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("ManagedPolicies", out var arns))
            {
                managed.AddRange(_resolver.Resolve(arns) switch
                {
                    null => [],
                    JsonArray list => list.Select(IntrinsicResolver.AsString),
                    _ => throw Error(JsonPaths.Property(propertiesPath, "ManagedPolicies"), "\"ManagedPolicies\" must be a list of AWS managed policy ARNs (after Fn::If and other intrinsics)"),
                });
            }

            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("CustomerManagedPolicyReferences", out var references))
            {
                var referencesPath = JsonPaths.Property(propertiesPath, "CustomerManagedPolicyReferences");
                managed.AddRange(_resolver.Resolve(references) switch
                {
                    null => [],
                    JsonArray list => list.Select((r, i) => CustomerManagedReference(r, JsonPaths.Index(referencesPath, i))),
                    _ => throw Error(referencesPath, "\"CustomerManagedPolicyReferences\" must be a list of {Name, Path} (after Fn::If and other intrinsics)"),
                });
            }

            string? boundary = null;
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("PermissionsBoundary", out var b) && _resolver.Resolve(b) is { } boundaryNode)
            {
                var boundaryPath = JsonPaths.Property(propertiesPath, "PermissionsBoundary");
                boundary = boundaryNode switch
                {
                    JsonObject o when o["ManagedPolicyArn"] is { } arn => IntrinsicResolver.AsString(arn),
                    JsonObject o when o["CustomerManagedPolicyReference"] is { } reference => CustomerManagedReference(reference, JsonPaths.Property(boundaryPath, "CustomerManagedPolicyReference")),
                    _ => throw Error(boundaryPath, "a permission set's \"PermissionsBoundary\" needs \"ManagedPolicyArn\" or \"CustomerManagedPolicyReference\""),
                };
            }

            var duration = OptionalString(properties, "SessionDuration");
            int? seconds = null;
            if (duration is not null)
            {
                try
                {
                    seconds = (int)System.Xml.XmlConvert.ToTimeSpan(duration).TotalSeconds;
                }
                catch (FormatException)
                {
                    // Unread, a longer session than shown could be granted: bad input, never the default.
                    throw Error(JsonPaths.Property(propertiesPath, "SessionDuration"), $"\"{duration}\" is not an ISO 8601 duration such as PT4H");
                }
            }

            var configName = resource.TryGetProperty("Metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty(RoleResource.ConfigNameKey, out var name) && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : OptionalString(properties, "Name");
            return new RoleResource(id, configName, null, EmptyTrust(path), 0, policies, managed, seconds, boundary, justifications, path)
            {
                ResourceType = PermissionSetType,
            };
        }

        /// <summary>
        /// A customer managed policy reference: a policy of that name and path in every account the set is assigned to,
        /// written as an ARN of an account the engine cannot know, so that it is never found and always "cannot prove".
        /// </summary>
        private string CustomerManagedReference(JsonNode? reference, string path)
        {
            if (reference is not JsonObject o || o["Name"] is not { } name)
            {
                throw Error(path, "a customer managed policy reference needs \"Name\" (and optionally \"Path\")");
            }

            var policyPath = o["Path"] is { } p ? IntrinsicResolver.AsString(p) : "/";
            return $"arn:aws:iam::{AssignedAccount}:policy{policyPath}{IntrinsicResolver.AsString(name)}";
        }

        private PermissionSetAssignment ReadAssignment(string id, JsonElement properties, string path)
        {
            var permissionSet = OptionalString(properties, "PermissionSetArn")
                ?? throw Error(JsonPaths.Property(path, "Properties"), "an Identity Center assignment needs \"PermissionSetArn\"");
            return new PermissionSetAssignment(id, LocalResource(permissionSet, PermissionSetType), OptionalString(properties, "PrincipalType") ?? "?", OptionalString(properties, "PrincipalId") ?? "?",
                OptionalString(properties, "TargetId") ?? "?", path);
        }

        private PodIdentityLink ReadPodIdentity(string id, JsonElement properties, string path)
        {
            string Required(string key) => OptionalString(properties, key)
                ?? throw Error(JsonPaths.Property(path, "Properties"), $"a Pod Identity association needs \"{key}\"");
            return new PodIdentityLink(id, Required("ClusterName"), Required("Namespace"), Required("ServiceAccount"), LocalResource(Required("RoleArn"), "AWS::IAM::Role"),
                OptionalString(properties, "TargetRoleArn"), path);
        }

        /// <summary>The logical ID a value references when it is a Ref or GetAtt of this template's resource of <paramref name="type"/>; else the value as written.</summary>
        private string LocalResource(string value, string type) =>
            SymbolicValue.TryParseReference(value, out var referenced, out _) && _types.TryGetValue(referenced, out var t) && t == type ? referenced : value;

        /// <summary>The <c>Policies</c> property, after intrinsics (an <c>Fn::If</c> list is read per branch).</summary>
        private List<PermissionPolicy> ReadInlinePolicies(string id, JsonElement properties, string propertiesPath, Justifications justifications)
        {
            var policies = new List<PermissionPolicy>();
            var listPath = JsonPaths.Property(propertiesPath, "Policies");
            if (!properties.TryGetProperty("Policies", out var inline))
            {
                return policies;
            }

            switch (_resolver.Resolve(inline))
            {
                case null:
                    return policies;
                case JsonArray list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        var entryPath = JsonPaths.Index(listPath, i);
                        if (list[i] is not JsonObject entry || !entry.TryGetPropertyValue("PolicyDocument", out var documentNode))
                        {
                            throw Error(entryPath, "an inline policy needs a \"PolicyDocument\"");
                        }

                        var (document, size) = ReadPolicy(documentNode, JsonPaths.Property(entryPath, "PolicyDocument"));
                        var name = entry.TryGetPropertyValue("PolicyName", out var n) && n is not null ? IntrinsicResolver.AsString(n) : $"Policies[{PolicyParser.Invariant(i)}]";
                        policies.Add(new PermissionPolicy(name, PermissionPolicyKind.Inline, id, document, size, justifications));
                    }

                    return policies;
                default:
                    // Never skip what cannot be read: a policy list the engine does not see could grant anything.
                    throw Error(listPath, "\"Policies\" must be a list of inline policies (after Fn::If and other intrinsics)");
            }
        }

        /// <summary><c>ManagedPolicyArns</c>: ARNs, except this template's own managed policies, which join <paramref name="policies"/>.</summary>
        private List<string> ReadManagedPolicyArns(JsonElement properties, string propertiesPath, List<PermissionPolicy> policies)
        {
            var managed = new List<string>();
            if (!properties.TryGetProperty("ManagedPolicyArns", out var arns))
            {
                return managed;
            }

            switch (_resolver.Resolve(arns))
            {
                case null:
                    return managed;
                case JsonArray list:
                    foreach (var arn in list.Select(IntrinsicResolver.AsString))
                    {
                        // A managed policy of this template is counted through its own resource, not twice.
                        if (SymbolicValue.TryParseReference(arn, out var referenced, out var attribute) && attribute is null
                            && _types.TryGetValue(referenced, out var t) && t == "AWS::IAM::ManagedPolicy")
                        {
                            _consumed.Add(referenced);
                            policies.AddRange(_attached.GetValueOrDefault("managed:" + referenced, []).SelectMany(a => a.Policies).Where(a => !policies.Contains(a)));
                            continue;
                        }

                        managed.Add(arn);
                    }

                    return managed;
                default:
                    throw Error(JsonPaths.Property(propertiesPath, "ManagedPolicyArns"), "\"ManagedPolicyArns\" must be a list of ARNs (after Fn::If and other intrinsics)");
            }
        }

        /// <summary>A policy resource, read in every branch of its deploy-time conditions; each branch is a policy.</summary>
        private List<PermissionPolicy> ReadPolicyResource(string id, string type, JsonElement resource, JsonElement properties, string path)
        {
            var variants = InBranches(() => ReadPolicyResourceOnce(id, type, resource, properties, path));
            var policies = variants.Variants.Prepend(variants).SelectMany(v => v.PermissionPolicies).ToList();
            var targets = new List<string>();
            if (type == "AWS::IAM::RolePolicy" && properties.TryGetProperty("RoleName", out var roleName))
            {
                targets.Add(RoleKey(_resolver.Resolve(roleName)));
            }

            if (properties.TryGetProperty("Roles", out var roles) && _resolver.Resolve(roles) is JsonArray list)
            {
                targets.AddRange(list.Select(RoleKey));
            }

            foreach (var target in targets.Distinct(StringComparer.Ordinal))
            {
                if (!_attached.TryGetValue(target, out var attached))
                {
                    _attached[target] = attached = [];
                }

                attached.Add((id, policies));
            }

            if (type == "AWS::IAM::ManagedPolicy")
            {
                _attached["managed:" + id] = [(id, policies)];
                _managed[id] = policies;
            }

            return policies;
        }

        private RoleResource ReadPolicyResourceOnce(string id, string type, JsonElement resource, JsonElement properties, string path)
        {
            var propertiesPath = JsonPaths.Property(path, "Properties");
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty("PolicyDocument", out var documentElement))
            {
                throw Error(propertiesPath, "a policy resource needs a \"PolicyDocument\"");
            }

            var (document, size) = ReadPolicy(_resolver.Resolve(documentElement), JsonPaths.Property(propertiesPath, "PolicyDocument"));
            var name = OptionalString(properties, type == "AWS::IAM::ManagedPolicy" ? "ManagedPolicyName" : "PolicyName") ?? id;
            var kind = type switch
            {
                "AWS::IAM::ManagedPolicy" => PermissionPolicyKind.CustomerManaged,
                _ => PermissionPolicyKind.InlineResource,
            };
            var policy = new PermissionPolicy(name, kind, id, document, size, Justifications.FromMetadata(resource));
            return new RoleResource(id, null, null, EmptyTrust(path), 0, [policy], [], null, null, Justifications.None, path) { ResourceType = type };
        }

        /// <summary>A role reference: its logical ID for Ref/GetAtt, else "name:" and the literal role name.</summary>
        private static string RoleKey(JsonNode? reference)
        {
            var text = IntrinsicResolver.AsString(reference);
            return SymbolicValue.TryParseReference(text, out var id, out _) ? id : "name:" + text;
        }

        /// <summary>
        /// Parses a resolved policy document. The AWS::IAM schemas allow the document as a JSON string as well as an
        /// object (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html).
        /// </summary>
        private (PolicyDocument Document, int Size) ReadPolicy(JsonNode? node, string path)
        {
            try
            {
                if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    var text = value.GetValue<string>();
                    var fromText = PolicyParser.Parse(text, path);
                    return (fromText, JsonNode.Parse(text)?.ToJsonString(Compact).Length ?? 0);
                }

                var document = PolicyParser.Parse(node, path);
                return (document, node?.ToJsonString(Compact).Length ?? 0);
            }
            catch (PolicyParseException ex)
            {
                var first = ex.Errors.Count > 0 ? ex.Errors[0] : new PolicyError(path, ex.Message);
                var more = ex.Errors.Count > 1 ? $" (and {ex.Errors.Count - 1} more: {string.Join("; ", ex.Errors.Skip(1))})" : string.Empty;
                throw Error(first.JsonPath, first.Message + more);
            }
            catch (JsonException ex)
            {
                throw Error(path, $"the policy document string is not valid JSON: {ex.Message}");
            }
        }

        /// <summary>Unresolved symbols in a trust policy's principals and conditions (see <see cref="StackTemplate.IsUnresolvedSymbol"/>).</summary>
        private HashSet<string> UnresolvedIn(PolicyDocument trust)
        {
            var symbols = new HashSet<string>(StringComparer.Ordinal);
            foreach (var statement in trust.Statements)
            {
                var values = (statement.Principal ?? statement.NotPrincipal)?.Entries.Select(e => e.Value) ?? [];
                values = values.Concat(statement.Conditions.SelectMany(c => c.Values.Append(c.Key)));
                foreach (var symbol in values.SelectMany(SymbolicValue.SymbolsIn))
                {
                    if (SymbolicValue.Classify(symbol, _types.ContainsKey, _parameters.Contains) != SymbolKind.Resolved)
                    {
                        symbols.Add(symbol);
                    }
                }
            }

            return symbols;
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

        private RolesAnywhereProfileResource ReadProfile(string id, JsonElement resource, JsonElement properties, string path)
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
            // SessionPolicy is a JSON string and ManagedPolicyArns a list of ARNs
            // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rolesanywhere-profile.html);
            // both narrow every session the profile vends, so they are kept for the permission side.
            var sessionPolicy = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("SessionPolicy", out var sp) && sp.ValueKind != JsonValueKind.Null
                ? (sp.ValueKind == JsonValueKind.Object ? sp.GetRawText() : _resolver.ResolveString(sp))
                : null;
            var managed = new List<string>();
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("ManagedPolicyArns", out var mp))
            {
                if (mp.ValueKind == JsonValueKind.Array)
                {
                    managed.AddRange(mp.EnumerateArray().Select(_resolver.ResolveString));
                }
                else
                {
                    // Fail closed: a list the reader cannot see may name any policy.
                    managed.Add(_resolver.ResolveString(mp));
                }
            }

            return new RolesAnywhereProfileResource(id, OptionalString(properties, "Name"), arns, roleIds, duration, path)
            {
                SessionPolicy = sessionPolicy,
                ManagedPolicyArns = managed,
                Justifications = Justifications.FromMetadata(resource),
            };
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
