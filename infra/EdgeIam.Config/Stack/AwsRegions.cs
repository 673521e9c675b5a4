namespace EdgeIam.Config.Stack;

/// <summary>
/// Public AWS regions and their partitions, from the AWS General Reference "Regions and Zones"
/// (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html). Kept as data: add a
/// region here when AWS opens one.
/// </summary>
public static class AwsRegions
{
    private static readonly SortedDictionary<string, string> RegionPartition = new(StringComparer.Ordinal)
    {
        ["af-south-1"] = "aws",
        ["ap-east-1"] = "aws",
        ["ap-east-2"] = "aws",
        ["ap-northeast-1"] = "aws",
        ["ap-northeast-2"] = "aws",
        ["ap-northeast-3"] = "aws",
        ["ap-south-1"] = "aws",
        ["ap-south-2"] = "aws",
        ["ap-southeast-1"] = "aws",
        ["ap-southeast-2"] = "aws",
        ["ap-southeast-3"] = "aws",
        ["ap-southeast-4"] = "aws",
        ["ap-southeast-5"] = "aws",
        ["ap-southeast-6"] = "aws",
        ["ap-southeast-7"] = "aws",
        ["ca-central-1"] = "aws",
        ["ca-west-1"] = "aws",
        ["eu-central-1"] = "aws",
        ["eu-central-2"] = "aws",
        ["eu-north-1"] = "aws",
        ["eu-south-1"] = "aws",
        ["eu-south-2"] = "aws",
        ["eu-west-1"] = "aws",
        ["eu-west-2"] = "aws",
        ["eu-west-3"] = "aws",
        ["il-central-1"] = "aws",
        ["me-central-1"] = "aws",
        ["me-south-1"] = "aws",
        ["mx-central-1"] = "aws",
        ["sa-east-1"] = "aws",
        ["us-east-1"] = "aws",
        ["us-east-2"] = "aws",
        ["us-west-1"] = "aws",
        ["us-west-2"] = "aws",
        ["cn-north-1"] = "aws-cn",
        ["cn-northwest-1"] = "aws-cn",
        ["us-gov-east-1"] = "aws-us-gov",
        ["us-gov-west-1"] = "aws-us-gov",
    };

    public static IEnumerable<string> All => RegionPartition.Keys;

    public static bool IsKnown(string region) => RegionPartition.ContainsKey(region);

    public static string PartitionOf(string region) =>
        RegionPartition.TryGetValue(region, out var partition) ? partition : "aws";
}
