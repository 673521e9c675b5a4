using EdgeIam.App.RolesAnywhere;

namespace EdgeIam.App.Tests;

/// <summary>Quoting of aws_signing_helper arguments for a credential_process line (POSIX shell) and a systemd ExecStart.</summary>
public sealed class SigningHelperConfigTests
{
    [Theory]
    [InlineData("/etc/edge/device.crt", "/etc/edge/device.crt")]
    [InlineData("/etc/edge dir/device.crt", "'/etc/edge dir/device.crt'")]
    [InlineData("pkcs11:token=a;object=b", "'pkcs11:token=a;object=b'")]
    [InlineData("$HOME/device.key", "'$HOME/device.key'")]
    public void ShellQuoteKeepsEveryCharacterLiteral(string argument, string expected) =>
        Assert.Equal(expected, SigningHelperConfig.ShellQuote(argument));

    [Theory]
    [InlineData("/etc/edge/device.crt", "/etc/edge/device.crt")]
    [InlineData("pkcs11:object=a%20b", "pkcs11:object=a%%20b")]
    [InlineData("pkcs11:token=a;object=b", "\"pkcs11:token=a;object=b\"")]
    [InlineData("$HOME/k", "\"$$HOME/k\"")]
    [InlineData("/a \"b\"\\c", "\"/a \\\"b\\\"\\\\c\"")]
    public void UnitArgumentEscapesSpecifiersVariablesAndQuotes(string argument, string expected) =>
        Assert.Equal(expected, SigningHelperConfig.UnitArgument(argument));

    [Theory]
    [InlineData("a'b")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    public void QuotesAndLineBreaksAreRefused(string argument)
    {
        Assert.Throws<EdgeIam.App.Commands.DeviceConfigException>(() => SigningHelperConfig.ShellQuote(argument));
        Assert.Throws<EdgeIam.App.Commands.DeviceConfigException>(() => SigningHelperConfig.UnitArgument(argument));
    }

    [Theory]
    [InlineData("/etc/edge/device.key", "File")]
    [InlineData("pkcs11:token=edge;object=device-key", "Pkcs11")]
    [InlineData("PKCS11:object=k", "Pkcs11")]
    [InlineData("handle:0x81000001", "TpmHandle")]
    [InlineData("handle:0x81FFFFFF", "TpmHandle")]
    public void KeySourcesAreTheHelpersOwn(string value, string expected) =>
        Assert.Equal(expected, SigningHelperConfig.KeySourceOf(value, "--private-key").ToString());

    [Theory]
    [InlineData("handle:0x80000001")]
    [InlineData("handle:0x8100000")]
    [InlineData("handle:0x810000011")]
    [InlineData("handle:")]
    [InlineData("pkcs11:object=\"k\"")]
    [InlineData("pkcs11:object=%zz")]
    [InlineData("pkcs11:object=k?pin-value=1")]
    public void MalformedOrSecretBearingKeySourcesAreRefused(string value) =>
        Assert.Throws<EdgeIam.App.Commands.DeviceConfigException>(() => SigningHelperConfig.KeySourceOf(value, "--private-key"));
}
