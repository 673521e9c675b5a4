using System.Text.Json;
using EdgeIam.Config.Iam;

namespace EdgeIam.Infrastructure.Iam;

/// <summary>
/// Estimates how many characters IAM will count for a trust policy (whitespace excluded) before deployment, with the
/// same measure the loader applies to inline policies (<see cref="PolicySize"/>): each unresolved reference counts as
/// <see cref="TokenAllowance"/> characters, so the estimate errs on the large side.
/// </summary>
internal static class TrustPolicySize
{
    public const int TokenAllowance = PolicySize.TokenAllowance;

    /// <summary>The size of a resolved document (references as <c>Ref</c>/<c>Fn::*</c> objects).</summary>
    public static int Estimate(object? resolved) => PolicySize.Measure(JsonSerializer.SerializeToElement(resolved));

    /// <summary>The size of a document <see cref="PolicyJson"/> rendered (references as CDK token strings).</summary>
    public static int Estimate(Dictionary<string, object> rendered) =>
        PolicySize.Measure(JsonSerializer.SerializeToElement(PolicyJson.WithTokensAsIntrinsics(rendered)));
}
