using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeIam.Config.Tests.Support;

namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// The loader reads a permissions boundary with .NET's <c>[\w+=,.@/-]</c>, where <c>\w</c> is Unicode; JavaScript's
/// <c>\w</c> is ASCII only, so the schema spells the class out. Checked over every BMP character.
/// </summary>
public sealed class BoundaryPatternTests
{
    [Fact]
    public void BoundaryNameCharactersAreTheLoadersOverEveryBmpCharacter()
    {
        var schema = new Regex((string)JsonNode.Parse(File.ReadAllText(RepositoryPaths.Schema))!["properties"]!["permissionsBoundary"]!["pattern"]!,
            RegexOptions.CultureInvariant);
        var loader = new Regex(@"^arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}|aws):policy/[\w+=,.@/-]{1,512}$", RegexOptions.CultureInvariant);
        for (var code = 0; code <= 0xFFFF; code++)
        {
            if (char.IsSurrogate((char)code))
            {
                continue;
            }

            var arn = "arn:aws:iam::111111111111:policy/Edge" + (char)code;
            Assert.True(schema.IsMatch(arn) == loader.IsMatch(arn), $"U+{code:X4}: schema {schema.IsMatch(arn)}, loader {loader.IsMatch(arn)}");
        }
    }
}
