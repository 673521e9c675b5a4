using EdgeIam.Config.Tests.Support;
using EdgeIam.Pki;

namespace EdgeIam.Config.Tests.RolesAnywhere;

/// <summary>Certificates and YAML for Roles Anywhere config tests, made with EdgeIam.Pki at the test clock.</summary>
internal static class RolesAnywhereFixtures
{
    public static readonly DevCaMaterial Ca = DevCertificateAuthority.Create(new DevCaOptions(), StackFiles.Now);

    public static readonly DevCaMaterial OtherCa = DevCertificateAuthority.Create(new DevCaOptions("Other"), StackFiles.Now);

    /// <summary>One anchor, one profile, one role: valid.</summary>
    public const string Section = """
        rolesAnywhere:
          trustAnchors:
            - name: edge-ca
              certificate: pki/ca.crt
          profiles:
            - name: edge-device
              trustAnchors: [edge-ca]
              roles: [EdgeDeviceRole]
          roles:
            - name: EdgeDeviceRole
              allowedSubjects: ["sensor-*"]
        """;

    /// <summary>Absolute path the loader resolves <paramref name="relative"/> (relative to stacks/dev.yaml) to.</summary>
    public static string At(string relative) => Path.GetFullPath(Path.Combine("stacks", relative));

    public static Dictionary<string, string> Files(params (string Relative, string Text)[] files) =>
        files.ToDictionary(f => At(f.Relative), f => f.Text);

    /// <summary>The shared valid section's files: the issuing CA at pki/ca.crt.</summary>
    public static Dictionary<string, string> CaFile() => Files(("pki/ca.crt", Ca.Issuing.CertificatePem));

    public static string Yaml(string section) => StackFiles.Minimal + section;
}
