using System.Globalization;

namespace EdgeIam.Config.Placement;

/// <summary>
/// What an item adds to the CloudFormation template it is placed in: resources and outputs, the two per-template
/// quotas a growing stack file reaches first.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
/// </summary>
public readonly record struct TemplateCost(int Resources, int Outputs)
{
    /// <summary>CloudFormation: at most 500 resources in one template.</summary>
    public const int ResourceLimit = 500;

    /// <summary>CloudFormation: at most 200 outputs in one template.</summary>
    public const int OutputLimit = 200;

    /// <summary>
    /// New items fill a template only this far (80%), so the items already in it can grow (a first inline policy, a
    /// larger fleet) without the template crossing the quota and something having to move.
    /// </summary>
    public static TemplateCost FillTarget { get; } = new(400, 160);

    public static TemplateCost Limit { get; } = new(ResourceLimit, OutputLimit);

    public static TemplateCost operator +(TemplateCost a, TemplateCost b) => new(a.Resources + b.Resources, a.Outputs + b.Outputs);

    public bool FitsWithin(TemplateCost bound) => Resources <= bound.Resources && Outputs <= bound.Outputs;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Resources} resources, {Outputs} outputs");
}
