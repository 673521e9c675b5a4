namespace EdgeIam.Policy.Model;

/// <summary>A problem in a policy document, located by JSON path (e.g. <c>$.Statement[0].Effect</c>).</summary>
internal sealed record PolicyError(string JsonPath, string Message)
{
    public override string ToString() => $"{JsonPath}: {Message}";
}
