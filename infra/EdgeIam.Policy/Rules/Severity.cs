namespace EdgeIam.Policy.Rules;

/// <summary>How bad a finding is; any <see cref="Error"/> makes <c>check</c> exit 1. Names follow SARIF levels.</summary>
public enum Severity
{
    Error,
    Warning,
    Note,
}
