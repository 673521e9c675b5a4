using System.Globalization;
using System.Text;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Permissions;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Reports;

/// <summary>
/// The answer to "can this role session do this action on this resource?" (<c>edgeiam can-do</c>,
/// <see cref="Access.AccessAnalyzer.CanDo"/>): the outcome and, per policy layer (identity, permissions boundary,
/// session policies), the statements that allow or deny, the statements that only a deploy-time value could decide,
/// and the policies EdgeIam cannot see. <see cref="Allowed"/> is true only when proved; organisation SCPs and RCPs are
/// not in any template and can only deny further.
/// </summary>
public sealed class CanDoReport
{
    internal CanDoReport(StackTemplate stack, RoleResource role, SessionPermissions permissions, PermissionEvaluation evaluation)
    {
        Stack = stack.Name;
        StackId = stack.StackId;
        Role = role.ConfigName ?? role.LogicalId;
        LogicalId = role.LogicalId;
        Session = permissions.SessionName;
        Permissions = permissions;
        Evaluation = evaluation;
    }

    public string Stack { get; }

    public string StackId { get; }

    public string Role { get; }

    public string LogicalId { get; }

    /// <summary>The session asked for, e.g. <c>profile:edge-device</c>; null for the role on its own.</summary>
    public string? Session { get; }

    public string Action => Evaluation.Request.Action;

    public string Resource => Evaluation.Request.Resource ?? "*";

    /// <summary><c>Allowed</c>, <c>ExplicitlyDenied</c>, <c>ImplicitlyDenied</c> or <c>CannotProve</c>.</summary>
    public string Outcome => Evaluation.Outcome.ToString();

    /// <summary>Allowed, and proved so.</summary>
    public bool Allowed => Evaluation.Outcome == PermissionOutcome.Allowed;

    /// <summary>False when an unknown policy or a deploy-time value could change the answer.</summary>
    public bool Proved => Evaluation.Outcome != PermissionOutcome.CannotProve;

    internal SessionPermissions Permissions { get; }

    internal PermissionEvaluation Evaluation { get; }

    /// <summary>The decision in words, layer by layer, as <c>can-do</c> prints it.</summary>
    public string Explain()
    {
        var text = new StringBuilder();
        CanDoTextWriter.Write(this, new StringWriter(text, CultureInfo.InvariantCulture));
        return text.ToString();
    }

    internal static string LayerName(PolicyLayer layer) => layer switch
    {
        PolicyLayer.Identity => "identity policies",
        PolicyLayer.PermissionsBoundary => "permissions boundary",
        _ => "session policies",
    };

    internal static string Describe(StatementHit hit) =>
        $"{hit.Policy.Label}: {hit.Statement.Effect} {hit.Statement.Label} ({hit.Statement.JsonPath})";

    internal static string Describe(ConditionClause clause) => $"{clause.Operator.Name} {clause.Key} {string.Join(", ", clause.Values)}";
}
