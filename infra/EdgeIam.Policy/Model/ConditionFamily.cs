namespace EdgeIam.Policy.Model;

/// <summary>The operator families of the IAM condition element, one evaluator each.</summary>
internal enum ConditionFamily
{
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Arn,
    Null,
}
