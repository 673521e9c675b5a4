using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>
/// Proof that a private key belongs to a certificate, as Roles Anywhere needs it: CreateSession requests are signed
/// with the device's private key and verified with the public key of the certificate sent in <c>X-Amz-X509</c>
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/authentication-sign-process.html), so a key that is not
/// the certificate's gets no session.
/// </summary>
public static class KeyPossession
{
    /// <summary>
    /// Null when <paramref name="privateKeyPem"/> is the private key of <paramref name="certificate"/>: the public keys
    /// are equal and a signature made with the key verifies with the certificate (a key file whose private part does
    /// not match its public part fails the second test); otherwise the reason, which never quotes the key.
    /// </summary>
    public static string? Problem(string privateKeyPem, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        ArgumentNullException.ThrowIfNull(certificate);
        if (privateKeyPem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return "the key is encrypted; give the unencrypted PEM key (a dry run never asks for a passphrase)";
        }

        if (privateKeyPem.Contains("-----BEGIN TSS2 PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return "the key is a TPM-wrapped key (TSS2), which only the device's TPM can use; prove possession on the device with `aws_signing_helper sign-string`";
        }

        AsymmetricAlgorithm key;
        try
        {
            key = KeyAlgorithms.LoadPrivateKey(privateKeyPem, certificate, "the key");
        }
        catch (PkiInputException ex)
        {
            return ex.Message;
        }

        using (key)
        {
            // A fixed challenge is enough: what is proved is that this key's signature verifies under the certificate.
            var challenge = "EdgeIam ra-session proof of possession"u8.ToArray();
            var verifies = key switch
            {
                ECDsa ecdsa => Verify(certificate, challenge, ecdsa.SignData(challenge, HashAlgorithmName.SHA256)),
                RSA rsa => Verify(certificate, challenge, rsa.SignData(challenge, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
                _ => false,
            };
            return verifies ? null : $"a signature made with the key does not verify with the public key of '{certificate.Subject}'";
        }
    }

    private static bool Verify(X509Certificate2 certificate, byte[] data, byte[] signature)
    {
        using var ec = certificate.GetECDsaPublicKey();
        if (ec is not null)
        {
            return ec.VerifyData(data, signature, HashAlgorithmName.SHA256);
        }

        using var rsa = certificate.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
