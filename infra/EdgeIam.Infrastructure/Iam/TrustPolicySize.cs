using System.Text.Json;

namespace EdgeIam.Infrastructure.Iam;

/// <summary>
/// Estimates how many characters IAM will count for a policy (whitespace excluded) before deployment. Unresolved
/// references (<c>Ref</c>, <c>Fn::GetAtt</c>, …) become ARNs at deploy time; each counts as
/// <see cref="TokenAllowance"/> characters, a conservative ARN length, so the estimate errs on the large side.
/// </summary>
public static class TrustPolicySize
{
    public const int TokenAllowance = 128;

    public static int Estimate(object? resolved) => Measure(JsonSerializer.SerializeToElement(resolved));

    private static int Measure(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (IsIntrinsic(element))
                {
                    return TokenAllowance;
                }

                var size = 2;
                var first = true;
                foreach (var property in element.EnumerateObject())
                {
                    size += (first ? 0 : 1) + CountWithoutWhitespace(JsonSerializer.Serialize(property.Name)) + 1 + Measure(property.Value);
                    first = false;
                }

                return size;
            case JsonValueKind.Array:
                var total = 2 + Math.Max(0, element.GetArrayLength() - 1);
                foreach (var item in element.EnumerateArray())
                {
                    total += Measure(item);
                }

                return total;
            default:
                return CountWithoutWhitespace(element.GetRawText());
        }
    }

    private static bool IsIntrinsic(JsonElement element)
    {
        using var properties = element.EnumerateObject();
        return properties.MoveNext() && (properties.Current.Name == "Ref" || properties.Current.Name.StartsWith("Fn::", StringComparison.Ordinal)) && !properties.MoveNext();
    }

    private static int CountWithoutWhitespace(string text) => text.Count(c => !char.IsWhiteSpace(c));
}
