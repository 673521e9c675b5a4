using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>
/// The common shape of a certificate and a CRL (RFC 5280 §4.1, §5.1): the signed bytes, the signature algorithm and
/// the signature. Lets EdgeIam check "did this CA's key sign it" directly, link by link.
/// </summary>
public sealed class SignedStructure
{
    private readonly byte[] _signature;

    private SignedStructure(byte[] toBeSigned, string algorithmOid, byte[] signature)
    {
        ToBeSigned = toBeSigned;
        Algorithm = Algorithms.Signature(algorithmOid);
        _signature = signature;
    }

    /// <summary>The DER of <c>tbsCertificate</c> / <c>tbsCertList</c>.</summary>
    public ReadOnlyMemory<byte> ToBeSigned { get; }

    public SignatureAlgorithm Algorithm { get; }

    /// <summary>Splits a DER certificate or CRL; throws <see cref="CryptographicException"/> when it is not one.</summary>
    public static SignedStructure Parse(ReadOnlyMemory<byte> der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var toBeSigned = outer.ReadEncodedValue().ToArray();
            var algorithm = outer.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var signature = outer.ReadBitString(out _);
            return new SignedStructure(toBeSigned, oid, signature);
        }
        catch (AsnContentException ex)
        {
            throw new CryptographicException("not a signed X.509 structure: " + ex.Message, ex);
        }
    }

    /// <summary>True when <paramref name="issuer"/>'s public key verifies the signature (RSA PKCS#1 v1.5 or ECDSA).</summary>
    public bool IsSignedBy(X509Certificate2 issuer)
    {
        if (Algorithm.Hash == default)
        {
            return false;
        }

        try
        {
            if (Algorithm.IsEcdsa)
            {
                using var ecdsa = issuer.GetECDsaPublicKey();
                return ecdsa is not null && ecdsa.VerifyData(ToBeSigned.Span, _signature, Algorithm.Hash, DSASignatureFormat.Rfc3279DerSequence);
            }

            using var rsa = issuer.GetRSAPublicKey();
            return rsa is not null && rsa.VerifyData(ToBeSigned.Span, _signature, Algorithm.Hash, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
