using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>One entry of a CRL: canonical serial (<see cref="SerialNumbers"/>), revocation date, reasonCode if any.</summary>
public sealed record CrlEntry(string? Serial, DateTimeOffset RevokedAt, X509RevocationReason? Reason);

/// <summary>
/// A parsed X.509 CRL (RFC 5280 §5.1): the signed structure and the <c>tbsCertList</c> fields EdgeIam needs. Critical
/// extensions it does not understand are collected in <see cref="UnknownCriticalExtensions"/>: §5.2 says such a CRL
/// must not be used to decide a certificate's status, so callers fail closed on them.
/// </summary>
public sealed record CrlDocument(
    SignedStructure Signed,
    byte[] Issuer,
    DateTimeOffset ThisUpdate,
    DateTimeOffset? NextUpdate,
    BigInteger? Number,
    IReadOnlyList<CrlEntry> Entries,
    IReadOnlyList<string> UnknownCriticalExtensions)
{
    private const string CrlNumberOid = "2.5.29.20";
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";
    private const string ReasonCodeOid = "2.5.29.21";
    private const string InvalidityDateOid = "2.5.29.24";

    public string IssuerName => new X500DistinguishedName(Issuer).Name;

    /// <summary>Parses a DER CRL; throws <see cref="CryptographicException"/> when it is not one.</summary>
    public static CrlDocument Parse(ReadOnlyMemory<byte> der)
    {
        var signed = SignedStructure.Parse(der);
        try
        {
            var tbs = new AsnReader(signed.ToBeSigned, AsnEncodingRules.DER).ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                _ = tbs.ReadInteger();
            }

            _ = tbs.ReadSequence();
            var issuer = tbs.ReadEncodedValue().ToArray();
            var thisUpdate = ReadTime(tbs);
            DateTimeOffset? nextUpdate = tbs.HasData && IsTime(tbs.PeekTag()) ? ReadTime(tbs) : null;
            var unknown = new List<string>();
            var entries = new List<CrlEntry>();
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var revoked = tbs.ReadSequence();
                while (revoked.HasData)
                {
                    entries.Add(ReadEntry(revoked.ReadSequence(), unknown));
                }
            }

            BigInteger? number = null;
            var context0 = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(context0))
            {
                foreach (var (oid, critical, value) in ReadExtensions(tbs.ReadSequence(context0).ReadSequence()))
                {
                    if (oid == CrlNumberOid)
                    {
                        number = new AsnReader(value, AsnEncodingRules.DER).ReadInteger();
                    }
                    else if (critical && oid != AuthorityKeyIdentifierOid)
                    {
                        unknown.Add(oid);
                    }
                }
            }

            tbs.ThrowIfNotEmpty();
            return new CrlDocument(signed, issuer, thisUpdate, nextUpdate, number, entries, unknown);
        }
        catch (AsnContentException ex)
        {
            throw new CryptographicException("malformed CRL: " + ex.Message, ex);
        }
    }

    private static CrlEntry ReadEntry(AsnReader entry, List<string> unknown)
    {
        var serial = SerialNumbers.FromInteger(entry.ReadIntegerBytes().Span);
        var at = ReadTime(entry);
        X509RevocationReason? reason = null;
        if (entry.HasData)
        {
            foreach (var (oid, critical, value) in ReadExtensions(entry.ReadSequence()))
            {
                if (oid == ReasonCodeOid)
                {
                    reason = new AsnReader(value, AsnEncodingRules.DER).ReadEnumeratedValue<X509RevocationReason>();
                }
                else if (critical && oid != InvalidityDateOid)
                {
                    unknown.Add(oid);
                }
            }
        }

        entry.ThrowIfNotEmpty();
        return new CrlEntry(serial, at, reason);
    }

    private static List<(string Oid, bool Critical, byte[] Value)> ReadExtensions(AsnReader extensions)
    {
        var list = new List<(string, bool, byte[])>();
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
            list.Add((oid, critical, extension.ReadOctetString()));
        }

        return list;
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
