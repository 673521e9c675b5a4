using EdgeIam.Config.Diagnostics;
using EdgeIam.Config.Stack;

namespace EdgeIam.Config.Federation;

/// <summary>
/// IAM keeps one OIDC provider per issuer per account. Stacks that share an account (dev and prod here) must not
/// both create the same one: the second deployment fails, or worse, deleting one stack deletes the provider the
/// other's roles trust. One stack creates it; the others reference it with <c>existingProviderArn</c>. Checked when
/// the stacks are loaded together (the default <c>synth</c>).
/// </summary>
public static class OidcProviderOwnership
{
    public static void Check(IReadOnlyList<StackConfig> stacks, ConfigDiagnostics diagnostics)
    {
        var creators = stacks
            .SelectMany(s => (s.Oidc?.Providers ?? []).Where(p => p.CreatedHere).Select(p => (Stack: s, Provider: p)))
            .GroupBy(c => (c.Stack.Account, c.Stack.Partition, c.Provider.HostPath))
            .Where(g => g.Count() > 1);
        foreach (var group in creators)
        {
            var (account, partition, hostPath) = group.Key;
            var names = string.Join(" and ", group.Select(c => c.Stack.DisplayName));
            foreach (var (stack, provider) in group)
            {
                var at = provider.Declared;
                diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, at.File, at.Line, at.Column, at.KeyPath,
                    $"stacks {names} all create the OIDC provider for {provider.Issuer} in account {account}; IAM allows one per issuer per account",
                    $"create it in one stack (the longest-lived, e.g. prod) and in the others write existingProviderArn: arn:{partition}:iam::{account}:oidc-provider/{hostPath}."));
            }
        }
    }
}
