using System.Globalization;
using EdgeIam.Config.Diagnostics;
using EdgeIam.Config.Federation;

namespace EdgeIam.Config.Stack;

/// <summary>
/// Checks what the stacks loaded together (every target of every stack file) create against AWS's quotas, per
/// account (IAM) or per account and region (Roles Anywhere, CloudFormation), pointing at the item that crosses the
/// quota. A quota AWS lets an account raise is a warning at its default, and an error at the value the stack files
/// declare under <c>quotas:</c> (which must agree across the files of one account); one AWS does not raise is an
/// error. Only what EdgeIam creates is counted: roles or stacks the account holds besides are not known here.
/// </summary>
internal static class QuotaCheck
{
    /// <summary>One thing that counts against a quota, and where it is declared.</summary>
    private sealed record Item(StackConfig Stack, string KeyPath, string What);

    public static void Check(IReadOnlyList<StackConfig> stacks, ConfigDiagnostics diagnostics)
    {
        Count(stacks, diagnostics, AwsQuotas.IamRoles, s => RoleNames.Of(s).Select(r => new Item(s, r.Path, $"role '{r.Name}'")));
        Count(stacks, diagnostics, AwsQuotas.InstanceProfiles, s => s.EdgeFleets.Select(f => new Item(s, f.KeyPath, $"the instance profile of fleet '{f.Name}'")));
        Count(stacks, diagnostics, AwsQuotas.OidcProviders, s => (s.Oidc?.Providers ?? []).Where(p => p.CreatedHere)
            .Select(p => new Item(s, p.Declared.KeyPath, $"OIDC provider '{p.Name}' ({p.Issuer})")));
        Count(stacks, diagnostics, AwsQuotas.TrustAnchors, s => (s.RolesAnywhere?.TrustAnchors ?? []).Select(a => new Item(s, a.KeyPath, $"trust anchor '{a.Name}'")));
        Count(stacks, diagnostics, AwsQuotas.Profiles, s => (s.RolesAnywhere?.Profiles ?? []).Select(p => new Item(s, p.KeyPath, $"profile '{p.Name}'")));
        Count(stacks, diagnostics, AwsQuotas.Stacks, TopLevelStack);

        foreach (var stack in stacks)
        {
            foreach (var profile in stack.RolesAnywhere?.Profiles ?? [])
            {
                var limit = AwsQuotas.RolesPerProfile.Default;
                if (profile.RoleNames.Count > limit)
                {
                    Report(diagnostics, DiagnosticSeverity.Error, stack, profile.KeyPath + ".roles",
                        string.Create(CultureInfo.InvariantCulture, $"profile '{profile.Name}' lists {profile.RoleNames.Count} roles; a Roles Anywhere profile holds at most {limit} (an API limit AWS does not raise: {AwsQuotas.RolesPerProfile.Page}); the first over it is '{profile.RoleNames[limit]}'"),
                        string.Create(CultureInfo.InvariantCulture, $"split the roles over several profiles of at most {limit} roles each."));
                }
            }
        }
    }

    /// <summary>
    /// The CloudFormation stacks quota once placement is known: every nested stack (shard) is a stack of its own in
    /// the account and Region (AWS CloudFormation User Guide, "Nested stacks"; quotas page "Stacks"). Run after
    /// <see cref="Check"/>, it reports only a crossing the shards cause: one by top-level stacks alone is reported there.
    /// </summary>
    public static void CheckStacksWithShards(IReadOnlyList<StackConfig> stacks, Func<StackConfig, IReadOnlyList<int>> shardsOf, ConfigDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(shardsOf);
        Count(stacks, diagnostics, AwsQuotas.Stacks,
            s => TopLevelStack(s).Concat(shardsOf(s).Select(k => new Item(s, s.Target?.Declared.KeyPath ?? "",
                string.Create(CultureInfo.InvariantCulture, $"nested stack Shard{k} of stack {s.CloudFormationStackName}")))),
            alreadyCounted: TopLevelStack);
    }

    private static IEnumerable<Item> TopLevelStack(StackConfig s) => [new Item(s, s.Target?.Declared.KeyPath ?? "", $"stack {s.CloudFormationStackName}")];

    /// <param name="alreadyCounted">
    /// What an earlier pass counted for this quota: a group over the limit by that count alone, and disagreeing
    /// declarations, were reported by that pass and are not reported twice.
    /// </param>
    private static void Count(IReadOnlyList<StackConfig> stacks, ConfigDiagnostics diagnostics, AwsQuota quota, Func<StackConfig, IEnumerable<Item>> items,
        Func<StackConfig, IEnumerable<Item>>? alreadyCounted = null)
    {
        var groups = stacks.GroupBy(s => quota.Scope == QuotaScope.Account ? (s.Account, "") : (s.Account, s.Region));
        foreach (var group in groups)
        {
            var (account, region) = group.Key;
            var where = region.Length == 0 ? $"account {account}" : $"account {account} in {region}";
            var declared = Declared(group.ToList(), quota, where, alreadyCounted is null ? diagnostics : new ConfigDiagnostics());
            var counted = group.SelectMany(items).ToList();
            var limit = declared?.Value ?? quota.Default;
            if (counted.Count <= limit || (alreadyCounted is not null && group.SelectMany(alreadyCounted).Count() > limit))
            {
                continue;
            }

            var over = counted[limit];
            var files = string.Join(", ", group.Select(s => s.DisplayName).Distinct(StringComparer.Ordinal));
            var total = string.Create(CultureInfo.InvariantCulture, $"{where} would have {counted.Count:N0} {quota.Noun} (stacks {files})");
            if (declared is { } d)
            {
                Report(diagnostics, DiagnosticSeverity.Error, over.Stack, over.KeyPath,
                    string.Create(CultureInfo.InvariantCulture, $"{over.What} is over the quota '{quota.Name}' of {limit:N0} that quotas.{quota.Key} declares ({d.Declared.File}:{d.Declared.Line}:{d.Declared.Column}): {total}"),
                    quota.Max is { } max && limit < max
                        ? string.Create(CultureInfo.InvariantCulture, $"request a further increase (up to {max:N0}) and declare it, or move {quota.Noun} to another {(region.Length == 0 ? "account" : "account or region")} ({quota.Page}).")
                        : $"move {quota.Noun} to another {(region.Length == 0 ? "account" : "account or region")}: the declared value is the most AWS grants ({quota.Page}).");
            }
            else if (quota.Raisable)
            {
                Report(diagnostics, DiagnosticSeverity.Warning, over.Stack, over.KeyPath,
                    string.Create(CultureInfo.InvariantCulture, $"{over.What} is over AWS's default quota '{quota.Name}' of {limit:N0}: {total}; the deployment fails unless the account's quota is raised"),
                    string.Create(CultureInfo.InvariantCulture, $"request an increase of '{quota.Name}' in the Service Quotas console{(quota.Max is { } m ? $" (up to {m:N0})" : "")}, then declare the granted value in the stack file: `quotas: {{ {quota.Key}: N }}` ({quota.Page})."));
            }
            else
            {
                Report(diagnostics, DiagnosticSeverity.Error, over.Stack, over.KeyPath,
                    string.Create(CultureInfo.InvariantCulture, $"{over.What} is over the quota '{quota.Name}' of {limit:N0}, which AWS does not raise: {total}"),
                    $"move {quota.Noun} to another account ({quota.Page}).");
            }
        }
    }

    /// <summary>The value the stacks of one group declare for <paramref name="quota"/>; two different values are an error.</summary>
    private static (int Value, SourcePosition Declared)? Declared(List<StackConfig> group, AwsQuota quota, string where, ConfigDiagnostics diagnostics)
    {
        if (quota.Key is null)
        {
            return null;
        }

        (int Value, SourcePosition Declared)? first = null;
        var reported = new HashSet<SourcePosition>();
        foreach (var stack in group)
        {
            if (!stack.Quotas.Declared.TryGetValue(quota.Key, out var declaration))
            {
                continue;
            }

            if (first is not { } f)
            {
                first = declaration;
                continue;
            }

            if (f.Value != declaration.Value && reported.Add(declaration.Declared))
            {
                var at = declaration.Declared;
                diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, at.File, at.Line, at.Column, at.KeyPath,
                    string.Create(CultureInfo.InvariantCulture, $"{where} declares '{quota.Name}' as {declaration.Value:N0} here but as {f.Value:N0} at {f.Declared.File}:{f.Declared.Line}:{f.Declared.Column}; an account has one quota"),
                    "declare the value the Service Quotas console shows for the account in every stack file (and target) of it."));
            }
        }

        return first;
    }

    private static void Report(ConfigDiagnostics diagnostics, DiagnosticSeverity severity, StackConfig stack, string keyPath, string message, string fix)
    {
        var at = stack.PositionOf(keyPath);
        var suffix = stack.Target is null ? "" : $" (target {stack.TargetLabel})";
        diagnostics.Add(new ConfigDiagnostic(severity, stack.SourceFile, at?.Line ?? 0, at?.Column ?? 0, keyPath, message + suffix, fix));
    }
}
