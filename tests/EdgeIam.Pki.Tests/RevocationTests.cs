using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeIam.Pki.Tests.Support;
using EdgeIam.Tests.Shared;

namespace EdgeIam.Pki.Tests;

/// <summary>The revocation database, issuance proof, CRL building/parsing and the revocation check.</summary>
public sealed class RevocationTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("edgeiam-pki-db-");
    private static readonly DateTimeOffset Now = TestCertificates.Now;
    private static readonly DevCaMaterial Ca = TestCertificates.Ca;

    public void Dispose() => _temp.Dispose();

    private string CaDirWithDatabase(string lines)
    {
        var dir = _temp.Path;
        File.WriteAllText(Path.Combine(dir, RevocationDatabase.FileName), RevocationDatabase.EmptyText + lines);
        return dir;
    }

    [Theory]
    [InlineData("c0ffee", "C0FFEE")]
    [InlineData("0000C0FFEE", "C0FFEE")]
    [InlineData("80", "80")]
    public void SerialsAreCanonicalUpperCaseHex(string input, string canonical)
    {
        Assert.Equal(canonical, SerialNumbers.TryNormalize(input));
        Assert.Equal(canonical, SerialNumbers.FromInteger(SerialNumbers.ToInteger(canonical)));
    }

    [Fact]
    public void ASerialWithTheHighBitSetIsEncodedAsAPositiveInteger() =>
        Assert.Equal(new byte[] { 0x00, 0x80 }, SerialNumbers.ToInteger("80"));

    [Theory]
    [InlineData("C0FFEE\tsensor-1\t2026-11-23T12:00:00Z", "has 3 tab-separated field(s), want 4")]
    [InlineData("c0ffee\tsensor-1\t2026-11-23T12:00:00Z\tkeyCompromise", "'c0ffee' is not a serial in upper-case hex")]
    [InlineData("C0FFEE\tsensor-1\t2026-11-23 12:00\tkeyCompromise", "'2026-11-23 12:00' is not a time")]
    [InlineData("C0FFEE\tsensor-1\t2026-11-23T12:00:00Z\tkeycompromise", "'keycompromise' is not a reason")]
    public void AMalformedLineNamesFileAndLine(string line, string problem)
    {
        var dir = CaDirWithDatabase("ABC\tok\t2026-11-23T11:00:00Z\tunspecified\n" + line + "\n");
        var ex = Assert.Throws<PkiInputException>(() => RevocationDatabase.Load(dir));
        Assert.StartsWith($"{Path.Combine(dir, RevocationDatabase.FileName)}:4: {problem}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASerialListedTwiceIsMalformed()
    {
        var dir = CaDirWithDatabase("ABC\ta\t2026-11-23T11:00:00Z\tunspecified\nABC\tb\t2026-11-23T12:00:00Z\tsuperseded\n");
        var ex = Assert.Throws<PkiInputException>(() => RevocationDatabase.Load(dir));
        Assert.Contains(":4: serial ABC is listed twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AppendKeepsEarlierLinesAndCleansTheCn()
    {
        var dir = CaDirWithDatabase("ABC\ta\t2026-11-23T11:00:00Z\tunspecified\n");
        RevocationDatabase.Load(dir).Append(new Revocation("DEF", "evil\tname\nx", Now, X509RevocationReason.KeyCompromise));
        var reloaded = RevocationDatabase.Load(dir);
        Assert.Equal(
            [new Revocation("ABC", "a", Now.AddHours(-1), null), new Revocation("DEF", "evil?name?x", Now, X509RevocationReason.KeyCompromise)],
            reloaded.Entries);
    }

    [Fact]
    public void AMissingDatabaseIsEmpty()
    {
        var dir = _temp.Path;
        Assert.Empty(RevocationDatabase.Load(dir).Entries);
        Assert.False(CrlState.Load(dir).Exists);
    }

    [Fact]
    public void ProofNeedsTheCasKeyNotItsName()
    {
        var foreign = DevCertificateAuthority.IssueDevice(TestCertificates.OtherCa.Issuing, "x", 1, KeyAlgorithm.EcdsaP256, Now);
        using var certificate = TestCertificates.Load(foreign.Device.CertificatePem);
        using var ca = TestCertificates.Load(Ca.Issuing.CertificatePem);
        Assert.Contains("this CA's key did not sign it", IssuerProof.WhyNotIssuedBy(certificate, ca), StringComparison.Ordinal);
    }

    [Fact]
    public void ProofNeedsTheAuthorityKeyIdentifierToMatchEvenWhenTheSignatureVerifies()
    {
        // Signed by the right key, but claiming another authority key: refused, the two proofs must agree.
        using var ca = TestCertificates.Load(Ca.Issuing.CertificatePem);
        using var caKey = ECDsa.Create();
        caKey.ImportFromPem(Ca.Issuing.PrivateKeyPem);
        using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=odd", deviceKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(new byte[20]));
        using var odd = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), Now.AddMinutes(-1), Now.AddDays(1), [1, 2, 3]);
        Assert.StartsWith("'CN=odd' has Authority Key Identifier 0000", IssuerProof.WhyNotIssuedBy(odd, ca), StringComparison.Ordinal);
    }

    [Fact]
    public void TheCrlCarriesNumberReasonsAndNoUnspecifiedReasonCode()
    {
        var crl = DevCertificateAuthority.CreateCrl(Ca.Issuing,
            [new Revocation("C0FFEE", "a", Now.AddHours(-2), X509RevocationReason.KeyCompromise), new Revocation("80", "b", Now.AddHours(-1), null)],
            new BigInteger(7), 3, Now);
        var der = Pem.Read(crl).Single().Data;
        _ = CertificateRevocationListBuilder.Load(der, out var number);
        Assert.Equal(new BigInteger(7), number);

        var parsed = CrlDocument.Parse(der);
        Assert.Equal(new BigInteger(7), parsed.Number);
        Assert.Equal(Now, parsed.ThisUpdate);
        Assert.Equal(Now.AddDays(3), parsed.NextUpdate);
        Assert.Equal([new CrlEntry("C0FFEE", Now.AddHours(-2), X509RevocationReason.KeyCompromise), new CrlEntry("80", Now.AddHours(-1), null)], parsed.Entries);
        Assert.Empty(parsed.UnknownCriticalExtensions);
        // 2.5.29.21 (reasonCode) appears once: only the keyCompromise entry has it.
        Assert.Equal(2, Convert.ToHexString(der).Split("0603551D15").Length);
    }

    [Fact]
    public void RevocationCheckFindsRevokedDevicesOnlyInCrlsOfTheirIssuer()
    {
        var device = DevCertificateAuthority.IssueDevice(Ca.Issuing, "d", 1, KeyAlgorithm.EcdsaP256, Now);
        using var leaf = TestCertificates.Load(device.Device.CertificatePem);
        using var issuing = TestCertificates.Load(Ca.Issuing.CertificatePem);
        var serial = SerialNumbers.Of(leaf)!;
        var own = CrlSource.FromPem("own.crl", DevCertificateAuthority.CreateCrl(Ca.Issuing, [new Revocation(serial, "d", Now, X509RevocationReason.Superseded)], BigInteger.One, 1, Now));
        var problem = Assert.Single(RevocationChecker.Check([leaf, issuing], [own], Now));
        Assert.StartsWith($"revoked: 'CN=d, O=EdgeIam dev PKI' (serial {serial}) was revoked on 2026-11-23 12:00 UTC, reason superseded", problem, StringComparison.Ordinal);

        var root = CrlSource.FromPem("root.crl", DevCertificateAuthority.CreateCrl(Ca.Root, [new Revocation(serial, "d", Now, null)], BigInteger.One, 1, Now));
        Assert.Contains("which is not the anchor or an issuer on the chain", Assert.Single(RevocationChecker.Check([leaf, issuing], [root], Now)), StringComparison.Ordinal);
        Assert.Empty(RevocationChecker.Check([leaf, issuing], [], Now));
    }
}
