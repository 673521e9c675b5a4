namespace EdgeIam.Policy.Evaluation;

/// <summary>A compiled policy value a request value is matched against (<see cref="WildcardPattern"/>, <see cref="ArnPattern"/>).</summary>
internal interface IValuePattern
{
    bool IsMatch(ReadOnlySpan<char> value);
}
