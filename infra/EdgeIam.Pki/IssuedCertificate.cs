using System.Text;

namespace EdgeIam.Pki;

/// <summary>A certificate and its private key, both PEM. <see cref="ToString"/> never shows the key.</summary>
public sealed record IssuedCertificate(string CertificatePem, string PrivateKeyPem)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("CertificatePem = ").Append(CertificatePem).Append(", PrivateKeyPem = (hidden)");
        return true;
    }
}

/// <summary>The two-level dev CA: a root and the issuing (intermediate) CA it signed.</summary>
public sealed record DevCaMaterial(IssuedCertificate Root, IssuedCertificate Issuing);

/// <summary>A device certificate and key, and the chain file: the CA certificates between the device and the root.</summary>
public sealed record DeviceMaterial(IssuedCertificate Device, string ChainPem);
