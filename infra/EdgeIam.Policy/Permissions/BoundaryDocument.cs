using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Permissions;

/// <summary>
/// The rules a permissions boundary document given in the stack file meets, shared by the config loader (which reports
/// every error at load) and the template reader (which refuses Metadata that breaks them): the policy grammar of
/// <see cref="PolicyParser"/> (duplicate keys anywhere are errors), and what IAM asks of a managed policy used as a
/// boundary, an identity-based policy: no <c>Principal</c> or <c>NotPrincipal</c>, a <c>Resource</c> or
/// <c>NotResource</c> in every statement
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html: "You cannot use the
/// Principal element in an identity-based policy"). The document is not processed by CloudFormation, so a
/// CloudFormation value (<c>${Bucket.Arn}</c>, <c>${AWS::AccountId}</c>) in it would stay literal text; IAM policy
/// variables (<c>${aws:username}</c>) are fine.
/// </summary>
internal static class BoundaryDocument
{
    /// <summary>Parses <paramref name="json"/>; throws <see cref="PolicyParseException"/> with every error, each with its JSON path in the document.</summary>
    public static PolicyDocument Parse(string json)
    {
        var document = PolicyParser.Parse(json);
        var errors = new List<PolicyError>();
        foreach (var statement in document.Statements)
        {
            if (statement.Principal is not null || statement.NotPrincipal is not null)
            {
                errors.Add(new PolicyError(statement.JsonPath,
                    $"a permissions boundary is an identity-based policy, which IAM refuses with a \"{(statement.Principal is not null ? "Principal" : "NotPrincipal")}\""));
            }

            if (statement.Resource is null && statement.NotResource is null)
            {
                errors.Add(new PolicyError(statement.JsonPath, "a statement of a permissions boundary needs a \"Resource\" or \"NotResource\", as IAM requires in identity-based policies"));
            }
        }

        foreach (var symbol in SymbolicValue.SymbolsIn(json).Distinct(StringComparer.Ordinal))
        {
            errors.Add(new PolicyError(JsonPaths.Root,
                $"'{symbol}' is a CloudFormation value, but the boundary document is not processed by CloudFormation, so IAM would see it as written; write the value itself"));
        }

        return errors.Count == 0 ? document : throw new PolicyParseException(errors);
    }
}
