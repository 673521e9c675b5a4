using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Templates;
using EdgeIam.Policy.Tests.Support;
using EdgeIam.Tests.Shared;

namespace EdgeIam.Policy.Tests.Templates;

/// <summary>
/// Stacks split into CDK nested stacks (issue 15): every template of the stack is read as one, and anything the merged
/// view could get wrong is bad input, never a quiet "safe".
/// </summary>
public sealed class NestedStackTests
{
    private const string Parent = """
        {"Resources": {
          "Provider": {"Type": "AWS::IAM::OIDCProvider", "Properties": {"Url": "https://token.actions.githubusercontent.com", "ClientIdList": ["sts.amazonaws.com"], "ThumbprintList": ["6938fd4d98bab03faadb97b34396831e3780aea1"]}},
          "Shard": {"Type": "AWS::CloudFormation::Stack",
            "Properties": {"Parameters": {"ProviderArn": {"Fn::GetAtt": ["Provider", "Arn"]}}, "TemplateURL": "https://example.invalid/t.json"},
            "Metadata": {"aws:asset:path": "Shard.nested.template.json", "aws:asset:property": "TemplateURL"}}
         },
         "Outputs": {"RoleArn": {"Value": {"Fn::GetAtt": ["Shard", "Outputs.RoleArn"]}}}}
        """;

    private const string Nested = """
        {"Parameters": {"ProviderArn": {"Type": "String"}},
         "Resources": {"Deploy": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
           {"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": {"Ref": "ProviderArn"}},
            "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/edge:ref:refs/heads/main"}}}]}}}},
         "Outputs": {"RoleArn": {"Value": {"Fn::GetAtt": ["Deploy", "Arn"]}}}}
        """;

    private const string NestedFile = "Shard.nested.template.json";

    private static readonly AccessRequest GitHubMain = AccessRequest.AssumeRole(RequestPrincipal.Parse("oidc:token.actions.githubusercontent.com"), context: RequestContext.Of(
        ("token.actions.githubusercontent.com:aud", "sts.amazonaws.com"), ("token.actions.githubusercontent.com:sub", "repo:acme/edge:ref:refs/heads/main")));

    // ---- The CDK's own output -------------------------------------------------------------------------------------

    [Fact]
    public void The_cdk_fixture_reads_as_one_stack_with_every_role()
    {
        var assembly = AssemblyReader.Load(FixturePaths.Output("Fixtures", "NestedAssembly"));

        var stack = Assert.Single(assembly.Stacks);
        Assert.Equal("nested", stack.Name);
        Assert.Equal(["DeployRole885297C3", "DeviceRole7E9A2513", "ReaderRole6150FC74"], stack.Roles.Select(r => r.LogicalId));
        Assert.EndsWith("EdgeIamnestedShardAFA29891D.nested.template.json", stack.FileOf("DeployRole885297C3"), StringComparison.Ordinal);
        Assert.EndsWith("EdgeIamnestedShardB4E42C99F.nested.template.json", stack.FileOf("ReaderRole6150FC74"), StringComparison.Ordinal);
        Assert.Equal(stack.FilePath, stack.FileOf("GitHubProvider"));
        Assert.Equal([5, 3, 2], stack.TemplateFiles.Select(f => f.Value));

        // The nested role trusts the parent's provider (through a parameter), and the parent's profile lists the nested role (through an output).
        var deploy = stack.FindRoleByLogicalId("DeployRole885297C3")!;
        Assert.Empty(deploy.UnresolvedSymbols);
        Assert.True(deploy.EvaluateTrust(GitHubMain, "111122223333").IsAllowed);
        Assert.Equal(["DeviceRole7E9A2513"], Assert.Single(stack.RolesAnywhereProfiles).RoleLogicalIds);

        // ShardB's reader trusts ShardA's deploy role: nested to nested through the parent.
        var reader = stack.FindRoleByLogicalId("ReaderRole6150FC74")!;
        Assert.Empty(reader.UnresolvedSymbols);
        Assert.Contains("${DeployRole885297C3.Arn}", reader.TrustPolicy.Statements[0].Principal!.Entries.Select(e => e.Value));
    }

    [Fact]
    public void Nested_templates_are_not_listed_as_stacks()
    {
        using var folder = Write(Parent, (NestedFile, Nested));
        File.WriteAllText(folder.Combine("EdgeIam-t.nested.template.json"), Nested);

        Assert.Equal(["t"], AssemblyReader.Load(folder.Path).Stacks.Select(s => s.Name));
    }

    [Fact]
    public void Resource_counts_per_template_say_how_the_stack_was_split()
    {
        using var folder = Write(Parent, (NestedFile, Nested));

        var counts = AssemblyReader.ResourceCountsByTemplate(folder.Combine("EdgeIam-t.template.json"));

        Assert.Equal([("EdgeIam-t.template.json", 2), (NestedFile, 1)], counts.Select(c => (Path.GetFileName(c.Key), c.Value)));
    }

    // ---- References across the boundary ---------------------------------------------------------------------------

    [Fact]
    public void A_nested_role_trusting_the_parents_provider_is_proved()
    {
        var stack = Load(Parent, (NestedFile, Nested));

        var role = stack.FindRoleByLogicalId("Deploy")!;
        Assert.Equal("arn:aws:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com", role.TrustPolicy.Statements[0].Principal!.Entries[0].Value);
        Assert.True(role.EvaluateTrust(GitHubMain).IsAllowed);
        Assert.True(role.EvaluateTrust(GitHubMain).IsProved);
    }

    [Fact]
    public void A_nested_parameter_nobody_sets_stays_a_parameter_and_nothing_that_depends_on_it_is_proved()
    {
        var nested = Node(Nested);
        nested["Parameters"]!["Trusted"] = new JsonObject { ["Type"] = "String" };
        nested["Resources"]!["Cross"] = Role("""{"AWS": {"Fn::Sub": "arn:aws:iam::${Trusted}:root"}}""");
        var stack = Load(Parent, (NestedFile, nested.ToJsonString()));

        Assert.Contains("Trusted", stack.Parameters);
        var decision = stack.FindRoleByLogicalId("Cross")!.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("222222222222")), "111111111111");
        Assert.False(decision.IsProved);
        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public void A_nested_parameter_the_parent_does_not_pass_takes_its_default()
    {
        var nested = Node(Nested);
        nested["Parameters"]!["Trusted"] = new JsonObject { ["Type"] = "String", ["Default"] = "222222222222" };
        nested["Resources"]!["Cross"] = Role("""{"AWS": {"Fn::Sub": "arn:aws:iam::${Trusted}:root"}}""");
        var stack = Load(Parent, (NestedFile, nested.ToJsonString()));

        Assert.DoesNotContain("Trusted", stack.Parameters);
        var decision = stack.FindRoleByLogicalId("Cross")!.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("222222222222")), "111111111111");
        Assert.True(decision.IsProved);
    }

    [Theory]
    [InlineData("""{"Fn::Sub": "arn:aws:iam::${Account}:root"}""")]
    [InlineData("""{"Fn::Sub": ["arn:aws:iam::${Account}:root", {}]}""")]
    [InlineData("""{"Fn::Join": ["", ["arn:aws:iam::", {"Ref": "Account"}, ":root"]]}""")]
    public void A_parameter_in_every_reference_form_becomes_what_the_parent_passes(string principal)
    {
        var parent = Node(Parent);
        parent["Resources"]!["Shard"]!["Properties"]!["Parameters"]!["Account"] = "333333333333";
        var nested = Node(Nested);
        nested["Parameters"]!["Account"] = new JsonObject { ["Type"] = "String" };
        nested["Resources"]!["Cross"] = Role($$"""{"AWS": {{principal}}}""");
        var stack = Load(parent.ToJsonString(), (NestedFile, nested.ToJsonString()));

        Assert.Equal("arn:aws:iam::333333333333:root", stack.FindRoleByLogicalId("Cross")!.TrustPolicy.Statements[0].Principal!.Entries[0].Value);
    }

    [Fact]
    public void A_sub_variable_of_the_same_name_wins_over_the_parameter()
    {
        var parent = Node(Parent);
        parent["Resources"]!["Shard"]!["Properties"]!["Parameters"]!["Account"] = "333333333333";
        var nested = Node(Nested);
        nested["Parameters"]!["Account"] = new JsonObject { ["Type"] = "String" };
        nested["Resources"]!["Cross"] = Role("""{"AWS": {"Fn::Sub": ["arn:aws:iam::${Account}:root", {"Account": "444444444444"}]}}""");
        var stack = Load(parent.ToJsonString(), (NestedFile, nested.ToJsonString()));

        Assert.Equal("arn:aws:iam::444444444444:root", stack.FindRoleByLogicalId("Cross")!.TrustPolicy.Statements[0].Principal!.Entries[0].Value);
    }

    [Theory]
    [InlineData("""{"Fn::GetAtt": ["Shard", "Outputs.RoleArn"]}""")]
    [InlineData("""{"Fn::GetAtt": "Shard.Outputs.RoleArn"}""")]
    [InlineData("""{"Fn::Sub": "${Shard.Outputs.RoleArn}"}""")]
    [InlineData("""{"Fn::Sub": ["${Shard.Outputs.RoleArn}", {"Other": "x"}]}""")]
    public void A_parent_reading_a_nested_output_in_every_form_sees_the_nested_value(string reference)
    {
        var parent = Node(Parent);
        parent["Resources"]!["Reader"] = Role($$"""{"AWS": {{reference}}}""");
        var stack = Load(parent.ToJsonString(), (NestedFile, Nested));

        var reader = stack.FindRoleByLogicalId("Reader")!;
        Assert.Equal("${Deploy.Arn}", reader.TrustPolicy.Statements[0].Principal!.Entries[0].Value);
        Assert.Empty(reader.UnresolvedSymbols);
    }

    [Fact]
    public void A_nested_stacks_own_name_is_not_the_parents()
    {
        var nested = Node(Nested);
        nested["Resources"]!["Cross"] = Role("""{"AWS": {"Fn::Sub": "arn:aws:iam::111111111111:role/${AWS::StackName}-ci"}}""");
        var stack = Load(Parent, (NestedFile, nested.ToJsonString()));

        var role = stack.FindRoleByLogicalId("Cross")!;
        Assert.DoesNotContain("EdgeIam-t", role.TrustPolicy.Statements[0].Principal!.Entries[0].Value, StringComparison.Ordinal);
        Assert.False(role.EvaluateTrust(AccessRequest.AssumeRole(RequestPrincipal.Parse("arn:aws:iam::111111111111:role/EdgeIam-t-ci")), "111111111111").IsProved);
    }

    [Fact]
    public void Nested_to_nested_through_the_parent_and_two_levels_deep_resolve()
    {
        var parent = Node(Parent);
        parent["Resources"]!["Second"] = NestedStackResource("Second.nested.template.json", new JsonObject { ["Trusted"] = Node("""{"Fn::GetAtt": ["Shard", "Outputs.RoleArn"]}""") });
        var second = """
            {"Parameters": {"Trusted": {"Type": "String"}},
             "Resources": {"Inner": {"Type": "AWS::CloudFormation::Stack", "Properties": {"Parameters": {"Deeper": {"Ref": "Trusted"}}}, "Metadata": {"aws:asset:path": "Inner.nested.template.json"}}}}
            """;
        var inner = Node("""{"Parameters": {"Deeper": {"Type": "String"}}, "Resources": {}}""");
        inner["Resources"]!["Innermost"] = Role("""{"AWS": {"Ref": "Deeper"}}""");
        var stack = Load(parent.ToJsonString(), (NestedFile, Nested), ("Second.nested.template.json", second), ("Inner.nested.template.json", inner.ToJsonString()));

        var role = stack.FindRoleByLogicalId("Innermost")!;
        Assert.Equal("${Deploy.Arn}", role.TrustPolicy.Statements[0].Principal!.Entries[0].Value);
        Assert.Empty(role.UnresolvedSymbols);
        Assert.EndsWith("Inner.nested.template.json", stack.FileOf("Innermost"), StringComparison.Ordinal);
    }

    // ---- Fail closed ----------------------------------------------------------------------------------------------

    [Fact]
    public void A_nested_stack_without_asset_metadata_is_bad_input()
    {
        var parent = Node(Parent);
        parent["Resources"]!["Shard"]!.AsObject().Remove("Metadata");

        var ex = Fails(parent.ToJsonString(), (NestedFile, Nested));
        Assert.Equal("$.Resources.Shard", ex.JsonPath);
        Assert.EndsWith("EdgeIam-t.template.json", ex.FilePath, StringComparison.Ordinal);
        Assert.Contains("aws:asset:path", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../Shard.nested.template.json")]
    [InlineData("/tmp/Shard.nested.template.json")]
    [InlineData("sub/Shard.nested.template.json")]
    [InlineData("sub\\Shard.nested.template.json")]
    [InlineData("Shard.json")]
    [InlineData("EdgeIam-other.template.json")]
    [InlineData("")]
    public void A_nested_template_path_that_is_not_a_plain_file_of_the_assembly_is_bad_input(string path)
    {
        var parent = Node(Parent);
        parent["Resources"]!["Shard"]!["Metadata"]!["aws:asset:path"] = path;

        var ex = Fails(parent.ToJsonString(), (NestedFile, Nested));
        Assert.Equal("$.Resources.Shard.Metadata['aws:asset:path']", ex.JsonPath);
        Assert.Contains(".nested.template.json file directly in the assembly folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_string_asset_path_is_bad_input()
    {
        var parent = Node(Parent);
        parent["Resources"]!["Shard"]!["Metadata"]!["aws:asset:path"] = new JsonArray("Shard.nested.template.json");

        Assert.Contains("aws:asset:path", Fails(parent.ToJsonString(), (NestedFile, Nested)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_nested_template_is_bad_input()
    {
        var ex = Fails(Parent);
        Assert.EndsWith(NestedFile, ex.FilePath, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nested stack Shard", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_named_like_the_nested_template_is_bad_input()
    {
        using var folder = Write(Parent);
        Directory.CreateDirectory(folder.Combine(NestedFile));

        var ex = Assert.Throws<TemplateException>(() => AssemblyReader.Load(folder.Path));
        Assert.Contains("is a directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fifo_named_like_the_nested_template_is_refused_without_blocking()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var folder = Write(Parent);
        using (var mkfifo = Process.Start("mkfifo", folder.Combine(NestedFile)))
        {
            mkfifo.WaitForExit();
        }

        var ex = Assert.Throws<TemplateException>(() => AssemblyReader.Load(folder.Path));
        Assert.Contains("FIFO", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_as_nested_template_is_bad_input()
    {
        using var folder = Write(Parent);
        File.WriteAllText(folder.Combine("elsewhere.json"), Nested);
        File.CreateSymbolicLink(folder.Combine(NestedFile), folder.Combine("elsewhere.json"));

        Assert.Contains("symbolic link", Assert.Throws<TemplateException>(() => AssemblyReader.Load(folder.Path)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Fn::GetAtt": ["Shard", "Outputs.Missing"]}""", "$.Resources.Reader.Properties.AssumeRolePolicyDocument.Statement[0].Principal.AWS['Fn::GetAtt']")]
    [InlineData("""{"Fn::GetAtt": "Shard.Outputs.Missing"}""", "$.Resources.Reader.Properties.AssumeRolePolicyDocument.Statement[0].Principal.AWS['Fn::GetAtt']")]
    [InlineData("""{"Fn::Sub": "${Shard.Outputs.Missing}"}""", "$.Resources.Reader.Properties.AssumeRolePolicyDocument.Statement[0].Principal.AWS['Fn::Sub']")]
    public void A_reference_to_an_output_the_nested_template_does_not_declare_is_bad_input(string reference, string path)
    {
        var parent = Node(Parent);
        parent["Resources"]!["Reader"] = Role($$"""{"AWS": {{reference}}}""");

        var ex = Fails(parent.ToJsonString(), (NestedFile, Nested));
        Assert.Equal(path, ex.JsonPath);
        Assert.EndsWith("EdgeIam-t.template.json", ex.FilePath, StringComparison.Ordinal);
        Assert.Contains("\"Missing\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("it declares: RoleArn", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Fn::GetAtt": ["Shard", "Arn"]}""")]
    [InlineData("""{"Fn::GetAtt": ["Shard", {"Ref": "Attribute"}]}""")]
    public void A_nested_stack_attribute_that_is_not_a_literal_output_is_bad_input(string reference)
    {
        var parent = Node(Parent);
        parent["Resources"]!["Reader"] = Role($$"""{"AWS": {{reference}}}""");

        Assert.Contains("nested stack Shard", Fails(parent.ToJsonString(), (NestedFile, Nested)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_logical_id_in_the_parent_and_a_nested_template_is_bad_input()
    {
        var nested = Node(Nested);
        nested["Resources"]!["Provider"] = Role("""{"Service": "ec2.amazonaws.com"}""");

        var ex = Fails(Parent, (NestedFile, nested.ToJsonString()));
        Assert.EndsWith(NestedFile, ex.FilePath, StringComparison.Ordinal);
        Assert.Equal("$.Resources.Provider", ex.JsonPath);
        Assert.Contains("also a resource of", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_logical_id_in_two_nested_templates_is_bad_input()
    {
        var parent = Node(Parent);
        parent["Resources"]!["Twin"] = NestedStackResource("Twin.nested.template.json", new JsonObject { ["ProviderArn"] = "x" });

        var ex = Fails(parent.ToJsonString(), (NestedFile, Nested), ("Twin.nested.template.json", Nested));
        Assert.Equal("$.Resources.Deploy", ex.JsonPath);
        Assert.Contains(NestedFile, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Conditions", """{"Fn::Equals": ["a", "b"]}""")]
    [InlineData("Mappings", """{"a": {"b": "c"}}""")]
    public void A_condition_or_mapping_name_in_two_templates_is_bad_input(string section, string value)
    {
        var parent = Node(Parent);
        var nested = Node(Nested);
        parent[section] = new JsonObject { ["Same"] = Node(value) };
        nested[section] = new JsonObject { ["Same"] = Node(value) };

        var ex = Fails(parent.ToJsonString(), (NestedFile, nested.ToJsonString()));
        Assert.Equal($"$.{section}.Same", ex.JsonPath);
        Assert.EndsWith(NestedFile, ex.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_template_that_contains_itself_is_bad_input()
    {
        var nested = Node(Nested);
        nested["Resources"]!["Again"] = NestedStackResource(NestedFile, new JsonObject { ["ProviderArn"] = "x" });

        var ex = Fails(Parent, (NestedFile, nested.ToJsonString()));
        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_stacks_passing_each_other_their_outputs_are_bad_input()
    {
        var parent = Node(Parent);
        parent["Resources"]!["Shard"]!["Properties"]!["Parameters"]!["ProviderArn"] = Node("""{"Fn::GetAtt": ["Other", "Outputs.RoleArn"]}""");
        parent["Resources"]!["Other"] = NestedStackResource("Other.nested.template.json", new JsonObject { ["ProviderArn"] = Node("""{"Fn::GetAtt": ["Shard", "Outputs.RoleArn"]}""") });
        var other = Nested.Replace("\"Deploy\"", "\"OtherDeploy\"", StringComparison.Ordinal);

        var ex = Fails(parent.ToJsonString(), (NestedFile, Nested), ("Other.nested.template.json", other));
        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_bad_input()
    {
        var files = new List<(string, string)>();
        var parent = Node(Parent);
        parent["Resources"]!.AsObject().Remove("Shard");
        parent.AsObject().Remove("Outputs");
        parent["Resources"]!["Level1"] = NestedStackResource("Level1.nested.template.json", []);
        for (var level = 1; level <= NestedStackMerger.MaximumDepth + 1; level++)
        {
            var template = new JsonObject { ["Resources"] = new JsonObject() };
            template["Resources"]![$"Level{level + 1}"] = NestedStackResource($"Level{level + 1}.nested.template.json", []);
            files.Add(($"Level{level}.nested.template.json", template.ToJsonString()));
        }

        files.Add(($"Level{NestedStackMerger.MaximumDepth + 2}.nested.template.json", """{"Resources": {}}"""));
        var ex = Fails(parent.ToJsonString(), [.. files]);
        Assert.Contains("levels deep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        var files = new List<(string, string)>();
        var parent = Node(Parent);
        parent["Resources"]!.AsObject().Remove("Shard");
        parent.AsObject().Remove("Outputs");
        parent["Resources"]!["Level1"] = NestedStackResource("Level1.nested.template.json", []);
        for (var level = 1; level < NestedStackMerger.MaximumDepth; level++)
        {
            var template = new JsonObject { ["Resources"] = new JsonObject() };
            template["Resources"]![$"Level{level + 1}"] = NestedStackResource($"Level{level + 1}.nested.template.json", []);
            files.Add(($"Level{level}.nested.template.json", template.ToJsonString()));
        }

        files.Add(($"Level{NestedStackMerger.MaximumDepth}.nested.template.json", new JsonObject { ["Resources"] = new JsonObject { ["Deepest"] = Role("""{"Service": "ec2.amazonaws.com"}""") } }.ToJsonString()));
        Assert.NotNull(Load(parent.ToJsonString(), [.. files]).FindRoleByLogicalId("Deepest"));
    }

    [Fact]
    public void A_conditional_nested_stack_is_bad_input()
    {
        var parent = Node(Parent);
        parent["Conditions"] = new JsonObject { ["IsProd"] = Node("""{"Fn::Equals": ["a", "b"]}""") };
        parent["Resources"]!["Shard"]!["Condition"] = "IsProd";

        Assert.Equal("$.Resources.Shard.Condition", Fails(parent.ToJsonString(), (NestedFile, Nested)).JsonPath);
    }

    [Fact]
    public void Passing_a_parameter_the_nested_template_does_not_declare_is_bad_input()
    {
        var parent = Node(Parent);
        parent["Resources"]!["Shard"]!["Properties"]!["Parameters"]!["Typo"] = "x";

        Assert.Equal("$.Resources.Shard.Properties.Parameters.Typo", Fails(parent.ToJsonString(), (NestedFile, Nested)).JsonPath);
    }

    [Fact]
    public void EdgeIam_stack_metadata_in_a_nested_template_is_bad_input()
    {
        var nested = Node(Nested);
        nested["Metadata"] = new JsonObject { ["edgeiam:assertions"] = new JsonArray() };

        var ex = Fails(Parent, (NestedFile, nested.ToJsonString()));
        Assert.Equal("$.Metadata['edgeiam:assertions']", ex.JsonPath);
        Assert.EndsWith(NestedFile, ex.FilePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Resources": {"A": {"Type": "X"}, "A": {"Type": "X"}}}""", "Duplicate")]
    [InlineData("""{"Resources": """, "not valid JSON")]
    [InlineData("""[]""", "not a JSON object")]
    public void A_nested_template_that_is_not_a_clean_json_object_is_bad_input(string nested, string expected)
    {
        var ex = Fails(Parent, (NestedFile, nested));
        Assert.EndsWith(NestedFile, ex.FilePath, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Bad_input_in_a_nested_resource_names_the_nested_template()
    {
        var nested = Node(Nested);
        nested["Resources"]!["Deploy"]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Effect"] = "Perhaps";

        var ex = Fails(Parent, (NestedFile, nested.ToJsonString()));
        Assert.EndsWith(NestedFile, ex.FilePath, StringComparison.Ordinal);
        Assert.StartsWith("$.Resources.Deploy.", ex.JsonPath, StringComparison.Ordinal);
        Assert.DoesNotContain("EdgeIam-t.template.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finding_on_a_nested_resource_names_the_nested_template()
    {
        var nested = Node(Nested);
        nested["Resources"]!["Deploy"]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Condition"]!["StringEquals"]!.AsObject().Remove("token.actions.githubusercontent.com:aud");
        var stack = Load(Parent, (NestedFile, nested.ToJsonString()));

        var findings = PolicyCheck.CheckStack(stack).Where(f => f.ResourceLogicalId == "Deploy").ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.EndsWith(NestedFile, f.TemplateFile, StringComparison.Ordinal));
    }

    // ---- Helpers --------------------------------------------------------------------------------------------------

    internal static JsonObject Role(string principal) => Node(
        """{"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": """
        + principal + "}]}}}").AsObject();

    private static JsonObject NestedStackResource(string file, JsonObject parameters) => new()
    {
        ["Type"] = "AWS::CloudFormation::Stack",
        ["Properties"] = new JsonObject { ["Parameters"] = parameters, ["TemplateURL"] = "https://example.invalid/" + file },
        ["Metadata"] = new JsonObject { ["aws:asset:path"] = file },
    };

    private static JsonNode Node(string json) => JsonNode.Parse(json)!;

    internal static TempFolder Write(string parent, params (string Name, string Json)[] nested)
    {
        var folder = TempFolder.Create("edgeiam-nested-");
        File.WriteAllText(folder.Combine("EdgeIam-t.template.json"), parent);
        foreach (var (name, json) in nested)
        {
            File.WriteAllText(folder.Combine(name), json);
        }

        return folder;
    }

    private static StackTemplate Load(string parent, params (string Name, string Json)[] nested)
    {
        using var folder = Write(parent, nested);
        return AssemblyReader.Load(folder.Path).Stacks.Single();
    }

    private static TemplateException Fails(string parent, params (string Name, string Json)[] nested)
    {
        using var folder = Write(parent, nested);
        return Assert.Throws<TemplateException>(() => AssemblyReader.Load(folder.Path));
    }
}
