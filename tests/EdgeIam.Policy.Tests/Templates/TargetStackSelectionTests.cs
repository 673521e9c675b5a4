using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;

namespace EdgeIam.Policy.Tests.Templates;

/// <summary>
/// A stack file with <c>targets</c> synthesizes one stack per target, <c>EdgeIam-&lt;name&gt;-&lt;account&gt;-&lt;region&gt;</c>:
/// <c>--stack &lt;name&gt;</c> selects every target of that file, and nothing else.
/// </summary>
public sealed class TargetStackSelectionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edgeiam-targets-").FullName;

    public TargetStackSelectionTests()
    {
        var dev = Path.Combine(Fixtures.AssemblyDirectory, "EdgeIam-dev.template.json");
        foreach (var stack in new[] { "fleet-111111111111-us-east-1", "fleet-444444444444-eu-west-2", "fleetx", "fleet-extra-111111111111-us-east-1", "fleet-1111-us-east-1" })
        {
            File.Copy(dev, Path.Combine(_folder, $"EdgeIam-{stack}.template.json"));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_stack_file_name_selects_every_target_and_only_targets()
    {
        var assembly = AssemblyReader.Load(_folder, ["fleet"]);

        Assert.Equal(["fleet-111111111111-us-east-1", "fleet-444444444444-eu-west-2"], assembly.Stacks.Select(s => s.Name));
    }

    [Fact]
    public void One_target_is_selected_by_its_own_name_and_a_name_is_never_a_prefix_match()
    {
        Assert.Equal(["fleet-444444444444-eu-west-2"], AssemblyReader.Load(_folder, ["EdgeIam-fleet-444444444444-eu-west-2"]).Stacks.Select(s => s.Name));
        Assert.Equal(["fleet-extra-111111111111-us-east-1"], AssemblyReader.Load(_folder, ["fleet-extra"]).Stacks.Select(s => s.Name));

        var error = Assert.Throws<TemplateException>(() => AssemblyReader.Load(_folder, ["flee"]));
        Assert.Contains("no template for stack \"flee\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Naming_a_file_and_one_of_its_targets_reads_each_stack_once()
    {
        var assembly = AssemblyReader.Load(_folder, ["fleet", "fleet-111111111111-us-east-1"]);

        Assert.Equal(2, assembly.Stacks.Count);
    }
}
