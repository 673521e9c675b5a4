using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.App.RolesAnywhere;

/// <summary>
/// The session tags a profile's attribute mappings produce from a certificate
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/attribute-mapping.html): <c>x509Subject/&lt;RDN&gt;</c>,
/// <c>x509Issuer/&lt;RDN&gt;</c> and <c>x509SAN/DNS</c>, <c>x509SAN/URI</c>, <c>x509SAN/Name/&lt;RDN&gt;</c>. Without
/// mappings the service defaults apply: every supported RDN of subject and issuer (<c>*</c>) and the first DNS name,
/// URI and directory name of the subject alternative names. A trust policy sees each tag as
/// <c>aws:PrincipalTag/&lt;key&gt;</c> (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html#trust-policy).
/// </summary>
internal sealed record SessionTags(IReadOnlyList<KeyValuePair<string, string>> Tags, IReadOnlyList<string> Notes)
{
    /// <summary>Short names of the RDN attributes EdgeIam maps (the common X.520 ones), by OID.</summary>
    private static readonly (string Oid, string Name)[] Rdns =
    [
        ("2.5.4.3", "CN"), ("2.5.4.11", "OU"), ("2.5.4.10", "O"), ("2.5.4.6", "C"), ("2.5.4.7", "L"), ("2.5.4.8", "ST"),
        ("0.9.2342.19200300.100.1.25", "DC"),
    ];

    private static readonly IReadOnlyList<(string Field, IReadOnlyList<string> Specifiers)> Defaults =
    [
        ("x509Subject", ["*"]),
        ("x509Issuer", ["*"]),
        ("x509SAN", ["DNS", "URI", "Name/*"]),
    ];

    public static SessionTags From(X509Certificate2 certificate, IReadOnlyList<(string Field, IReadOnlyList<string> Specifiers)>? mappings)
    {
        var tags = new List<KeyValuePair<string, string>>();
        var notes = new List<string>();
        var san = ReadSan(certificate, notes);
        foreach (var (field, specifiers) in mappings ?? Defaults)
        {
            foreach (var specifier in specifiers)
            {
                switch (field)
                {
                    case "x509Subject":
                        Add(tags, field, Names(certificate.SubjectName), specifier);
                        break;
                    case "x509Issuer":
                        Add(tags, field, Names(certificate.IssuerName), specifier);
                        break;
                    case "x509SAN" when specifier == "DNS" && san.Dns is { } dns:
                        tags.Add(new("x509SAN/DNS", dns));
                        break;
                    case "x509SAN" when specifier == "URI" && san.Uri is { } uri:
                        tags.Add(new("x509SAN/URI", uri));
                        break;
                    case "x509SAN" when specifier.StartsWith("Name/", StringComparison.Ordinal) && san.Directory is { } directory:
                        Add(tags, "x509SAN/Name", Names(directory), specifier["Name/".Length..]);
                        break;
                    default:
                        break;
                }
            }
        }

        if (!tags.Any(t => t.Key == "x509Subject/CN"))
        {
            notes.Add("no x509Subject/CN tag: a trust condition on aws:PrincipalTag/x509Subject/CN will not hold");
        }

        return new SessionTags([.. tags.DistinctBy(t => t.Key, StringComparer.Ordinal)], notes);
    }

    private static void Add(List<KeyValuePair<string, string>> tags, string field, List<KeyValuePair<string, string>> names, string specifier)
    {
        foreach (var name in names.Where(n => specifier == "*" || n.Key == specifier).DistinctBy(n => n.Key, StringComparer.Ordinal))
        {
            // One tag per attribute: the first value when a name repeats an attribute.
            tags.Add(new($"{field}/{name.Key}", name.Value));
        }
    }

    private static List<KeyValuePair<string, string>> Names(X500DistinguishedName name)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }

            var oid = rdn.GetSingleElementType().Value;
            if (Rdns.FirstOrDefault(r => r.Oid == oid) is { Name: not null } known && rdn.GetSingleElementValue() is { } value)
            {
                result.Add(new(known.Name, value));
            }
        }

        return result;
    }

    private static (string? Dns, string? Uri, X500DistinguishedName? Directory) ReadSan(X509Certificate2 certificate, List<string> notes)
    {
        var extension = certificate.Extensions.FirstOrDefault(e => e.Oid?.Value == "2.5.29.17");
        if (extension is null)
        {
            return (null, null, null);
        }

        string? dns = null, uri = null;
        X500DistinguishedName? directory = null;
        try
        {
            var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 2)
                {
                    var value = names.ReadCharacterString(UniversalTagNumber.IA5String, tag);
                    dns ??= value;
                }
                else if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 6)
                {
                    var value = names.ReadCharacterString(UniversalTagNumber.IA5String, tag);
                    uri ??= value;
                }
                else if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 4)
                {
                    var inner = names.ReadSequence(tag);
                    var value = new X500DistinguishedName(inner.ReadEncodedValue().Span);
                    directory ??= value;
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException ex)
        {
            notes.Add($"the subject alternative names cannot be read ({ex.Message.TrimEnd('.')}); no x509SAN tags");
        }

        return (dns, uri, directory);
    }
}
