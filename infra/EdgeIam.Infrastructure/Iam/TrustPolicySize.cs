using System.Text.Json;
using EdgeIam.Config.Iam;

namespace EdgeIam.Infrastructure.Iam;

/// <summary>
/// Estimates how many characters IAM will count for a resolved trust policy (whitespace excluded) before deployment,
/// with the same measure the loader applies to inline policies (<see cref="PolicySize"/>): each unresolved reference
/// counts as <see cref="TokenAllowance"/> characters, so the estimate errs on the large side.
/// </summary>
internal static class TrustPolicySize
{
    public const int TokenAllowance = PolicySize.TokenAllowance;

    public static int Estimate(object? resolved) => PolicySize.Measure(JsonSerializer.SerializeToElement(resolved));
}
