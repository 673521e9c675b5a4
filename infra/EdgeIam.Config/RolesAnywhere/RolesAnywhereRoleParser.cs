using System.Text.RegularExpressions;
using EdgeIam.Config.Iam;
using EdgeIam.Config.Reading;

namespace EdgeIam.Config.RolesAnywhere;

/// <summary>Parses one <c>rolesAnywhere.roles[]</c> entry: who may assume it (CN patterns) and what it may do.</summary>
internal static partial class RolesAnywhereRoleParser
{
    internal static readonly KeySet Keys = new(
        "rolesAnywhere.roles[]", ["name", "allowedSubjects", "allowedIssuers", "devicePrefix", .. RoleAccessParser.Keys]);

    internal static readonly KeySet DevicePrefixKeys = new("rolesAnywhere.roles[].devicePrefix", "bucket", "prefix", "access");

    /// <summary>X.520 upper bound of a common name: a longer pattern cannot be meant literally.</summary>
    private const int MaxCommonNameLength = 64;

    public static RolesAnywhereRoleConfig? Parse(MappingReader role, List<DeclaredName> declared)
    {
        var errorsBefore = RolesAnywhereParser.ErrorCount(role.Context);
        // IAM role names: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
        var name = RolesAnywhereParser.ParseName(role, Stack.RoleNames.Pattern(), Stack.RoleNames.PatternDescription, "e.g. name: EdgeDeviceRole.", declared);
        var subjects = ParseCommonNamePatterns(role, "allowedSubjects", "subject");
        var issuers = ParseCommonNamePatterns(role, "allowedIssuers", "issuer");
        var devicePrefix = role.Section("devicePrefix", DevicePrefixKeys, ParseDevicePrefix);
        var access = RoleAccessParser.Parse(role);

        if (name is not null && !role.Has("allowedSubjects"))
        {
            role.Warning("name", $"role '{name}' has no allowedSubjects: any certificate issued under its trust anchors can assume it",
                "list the device certificate CN patterns this role is for, e.g. allowedSubjects: [\"sensor-*\"].");
        }

        return name is not null && RolesAnywhereParser.ErrorCount(role.Context) == errorsBefore
            ? new RolesAnywhereRoleConfig(name, role.Path, subjects, issuers, devicePrefix, access, [])
            : null;
    }

    private static List<string> ParseCommonNamePatterns(MappingReader role, string key, string field)
    {
        var patterns = new List<string>();
        var given = role.Strings(key);
        if (role.Value(key) is YamlDotNet.RepresentationModel.YamlSequenceNode { Children.Count: 0 })
        {
            role.Error(key, "is empty", $"list at least one certificate {field} CN pattern, or remove `{key}`.");
            return patterns;
        }

        foreach (var pattern in given)
        {
            if (pattern.Length is 0 or > MaxCommonNameLength || !CommonNamePattern().IsMatch(pattern))
            {
                role.Error(key, $"'{pattern}' is not a certificate {field} CN pattern",
                    "use 1-64 printable characters without quotes or backslashes; * matches any run of characters, ? one character.");
            }
            else if (pattern.Trim('*', '?').Length == 0 && pattern.Contains('*', StringComparison.Ordinal))
            {
                role.Error(key, $"'{pattern}' matches every certificate {field}, so it restricts nothing",
                    $"name the CNs this role is for, e.g. \"sensor-*\"{(field == "subject" ? "" : ", or remove `" + key + "`")}.");
            }
            else if (patterns.Contains(pattern, StringComparer.Ordinal))
            {
                role.Error(key, $"'{pattern}' is listed twice", "list each pattern once.");
            }
            else
            {
                patterns.Add(pattern);
            }
        }

        return patterns;
    }

    private static DevicePrefix? ParseDevicePrefix(MappingReader reader)
    {
        // S3 bucket naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
        var bucket = reader.Matching("bucket", BucketPattern(), "an S3 bucket name (3-63 lowercase letters, digits, '.' or '-')",
            "write the bucket name only, e.g. bucket: edge-telemetry-dev.", required: true);
        var prefix = reader.Matching("prefix", PrefixPattern(), "an S3 key prefix (letters, digits and !_.'()/-, no wildcards)",
            "write a plain prefix such as devices/; the device's CN is appended to it.") ?? "";
        var accessText = reader.String("access") ?? "read-write";
        DevicePrefixAccess? access = accessText switch
        {
            "read" => DevicePrefixAccess.Read,
            "write" => DevicePrefixAccess.Write,
            "read-write" => DevicePrefixAccess.ReadWrite,
            _ => null,
        };
        if (access is null)
        {
            reader.Error("access", $"'{accessText}' is not read, write or read-write", "write access: read, write or read-write (the default).");
        }

        return bucket is null || access is null ? null : new DevicePrefix(bucket, prefix.Trim('/'), access.Value);
    }

    [GeneratedRegex(@"^[^""\\\x00-\x1F\x7F]+$", RegexOptions.CultureInvariant)]
    private static partial Regex CommonNamePattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketPattern();

    [GeneratedRegex(@"^[A-Za-z0-9!_.'()/-]{0,512}$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();
}
