namespace EdgeIam.Policy.Model;

/// <summary>The <c>Effect</c> of a statement.</summary>
public enum Effect
{
    Allow,
    Deny,
}
