using EdgeIam.Config.Iam;

namespace EdgeIam.Config.RolesAnywhere;

/// <summary>
/// A role devices assume through Roles Anywhere. Its trust is locked to <see cref="TrustAnchorNames"/> (the anchors
/// of every profile that lists it, derived at load) and, when given, to certificate subject and issuer CN patterns.
/// </summary>
/// <param name="AllowedSubjects">Subject CN patterns (<c>*</c>, <c>?</c> wildcards); empty: any certificate of the anchors.</param>
/// <param name="AllowedIssuers">Issuer CN patterns; empty: no issuer condition.</param>
/// <param name="DevicePrefix">Per-device S3 prefix helper; null when not used.</param>
public sealed record RolesAnywhereRoleConfig(
    string Name,
    string KeyPath,
    IReadOnlyList<string> AllowedSubjects,
    IReadOnlyList<string> AllowedIssuers,
    DevicePrefix? DevicePrefix,
    RoleAccess Access,
    IReadOnlyList<string> TrustAnchorNames)
{
    /// <summary>True when the role's trust or permissions read <c>aws:PrincipalTag/x509Subject/CN</c>.</summary>
    public bool UsesSubjectCommonName => AllowedSubjects.Count > 0 || DevicePrefix is not null;
}

public enum DevicePrefixAccess
{
    Read,
    Write,
    ReadWrite,
}

/// <summary>
/// Gives each device its own S3 prefix: <c>s3://Bucket/Prefix/&lt;certificate CN&gt;/</c>, through the session tag
/// <c>${aws:PrincipalTag/x509Subject/CN}</c>, so one device cannot read or overwrite another's objects.
/// </summary>
/// <param name="Prefix">Key prefix without leading or trailing slash; empty for the bucket root.</param>
public sealed record DevicePrefix(string Bucket, string Prefix, DevicePrefixAccess Access);
