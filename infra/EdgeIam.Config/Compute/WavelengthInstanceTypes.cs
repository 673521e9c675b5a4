namespace EdgeIam.Config.Compute;

/// <summary>
/// Instance types AWS offers in Wavelength Zones ("Amazon EC2 considerations" of
/// https://docs.aws.amazon.com/wavelength/latest/developerguide/wavelength-quotas.html). Kept as data; a fleet can use
/// a newer type with <c>allowUnlistedInstanceType: true</c>.
/// </summary>
public static class WavelengthInstanceTypes
{
    public static IReadOnlyList<string> Offered { get; } = ["t3.medium", "t3.xlarge", "r5.2xlarge", "g4dn.2xlarge"];

    public static bool IsOffered(string instanceType) => Offered.Contains(instanceType, StringComparer.Ordinal);
}
