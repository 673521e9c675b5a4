using System.Globalization;
using EdgeIam.App.Commands;

namespace EdgeIam.App.Tests.Federation;

public sealed class TrustPolicySizeSynthTests
{
    [Fact]
    public void OversizedTrustPolicyFailsSynthWithExitTwoNamingRoleAndSize()
    {
        var dir = TestTemp.Folder("edgeiam-size-");
        var subjects = string.Join(", ", Enumerable.Range(0, 40).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"\"repo:acme/edge-service-with-a-long-name-{i:D2}:ref:refs/heads/main\"")));
        File.WriteAllText(Path.Combine(dir, "big.yaml"), $"""
            account: "111111111111"
            region: us-east-1
            oidc:
              providers:
                - name: github
                  preset: github
              roles:
                - name: TooManySubjects
                  provider: github
                  subjects: [{subjects}]
            """);
        var output = Path.Combine(dir, "out");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = SynthCommand.Run(new CliContext(stdout, stderr, TimeProvider.System), [], dir, output);

        Assert.Equal(ExitCodes.BadInput, exit);
        var message = stderr.ToString();
        Assert.Contains("big.yaml:8:7: error: oidc.roles[0]: the trust policy of role 'TooManySubjects' is about", message, StringComparison.Ordinal);
        Assert.Matches(@"about \d{4} characters, over IAM's 2048-character quota", message);
        Assert.Contains("Fix: split the subjects", message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
