using System.Text.RegularExpressions;
using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation;

/// <summary>
/// Who makes a request. Parsed from the CLI's SPEC: an IAM ARN or a 12-digit account, <c>service:&lt;host&gt;</c>,
/// or <c>oidc:&lt;issuer host/path&gt;</c>.
/// </summary>
public sealed partial class RequestPrincipal
{
    private RequestPrincipal(PrincipalKind kind, string value, string? arn, string? account, string? providerName)
    {
        Kind = kind;
        Value = value;
        Arn = arn;
        Account = account;
        ProviderName = providerName;
    }

    public PrincipalKind Kind { get; }

    /// <summary>The caller as given (ARN, service host, provider).</summary>
    public string Value { get; }

    /// <summary>For AWS callers, the ARN a trust policy names: an assumed-role session maps to its role.</summary>
    public string? Arn { get; }

    /// <summary>The caller's account, when known.</summary>
    public string? Account { get; }

    /// <summary>For federated callers, the provider: issuer host and path for OIDC, the provider ARN for SAML.</summary>
    public string? ProviderName { get; }

    /// <summary>
    /// The account root user (<c>arn:aws:iam::123456789012:root</c> given as the caller). STS refuses root credentials
    /// for AssumeRole (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). A bare 12-digit
    /// account is not the root user: it stands for "some IAM principal of that account".
    /// </summary>
    public bool IsRootUser { get; private init; }

    public bool IsOidc => Kind == PrincipalKind.Federated && ProviderName is not null && !ProviderName.StartsWith("arn:", StringComparison.Ordinal);

    /// <summary>The STS action a caller of this kind uses when none is given.</summary>
    public string DefaultAssumeAction => Kind switch
    {
        PrincipalKind.Federated when IsOidc => "sts:AssumeRoleWithWebIdentity",
        PrincipalKind.Federated => "sts:AssumeRoleWithSAML",
        _ => "sts:AssumeRole",
    };

    public static RequestPrincipal Service(string host) => new(PrincipalKind.Service, host, null, null, null);

    public static RequestPrincipal Oidc(string issuer)
    {
        var host = issuer;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        host = host.TrimEnd('/');
        return new RequestPrincipal(PrincipalKind.Federated, host, null, null, host);
    }

    public static RequestPrincipal ForAccount(string accountId) =>
        new(PrincipalKind.Aws, accountId, $"arn:aws:iam::{accountId}:root", accountId, null);

    /// <summary>Parses a SPEC; throws <see cref="FormatException"/> naming what is expected.</summary>
    public static RequestPrincipal Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.StartsWith("service:", StringComparison.OrdinalIgnoreCase) && spec.Length > "service:".Length)
        {
            return Service(spec["service:".Length..]);
        }

        if (spec.StartsWith("oidc:", StringComparison.OrdinalIgnoreCase) && spec.Length > "oidc:".Length)
        {
            return Oidc(spec["oidc:".Length..]);
        }

        if (AccountId().IsMatch(spec))
        {
            return ForAccount(spec);
        }

        if (spec.StartsWith("arn:", StringComparison.Ordinal))
        {
            return FromArn(spec);
        }

        throw new FormatException(
            $"principal \"{spec}\" is not an IAM ARN, a 12-digit account, service:<host> or oidc:<issuer host/path>");
    }

    public override string ToString() => Kind switch
    {
        PrincipalKind.Service => $"service:{Value}",
        PrincipalKind.Federated when IsOidc => $"oidc:{Value}",
        _ => Value,
    };

    private static RequestPrincipal FromArn(string arn)
    {
        var bounds = ArnPattern.SegmentBounds(arn)
            ?? throw new FormatException($"principal \"{arn}\" is not a valid ARN (arn:partition:service:region:account:resource)");
        string Segment(int i) => arn.Substring(bounds[i].Start, bounds[i].Length);
        var partition = Segment(1);
        var service = Segment(2);
        var account = Segment(4);
        var resource = Segment(5);
        if (!AccountId().IsMatch(account) && !(service == "iam" && account.Length == 0))
        {
            throw new FormatException($"principal \"{arn}\" has no 12-digit account");
        }

        if (service == "iam" && resource.StartsWith("oidc-provider/", StringComparison.Ordinal))
        {
            return new RequestPrincipal(PrincipalKind.Federated, arn, null, account, resource["oidc-provider/".Length..]);
        }

        if (service == "iam" && resource.StartsWith("saml-provider/", StringComparison.Ordinal))
        {
            return new RequestPrincipal(PrincipalKind.Federated, arn, null, account, arn);
        }

        // A session ARN stands for its role: trust policies name roles, not sessions.
        if (service == "sts" && resource.StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            var parts = resource.Split('/');
            if (parts.Length >= 2)
            {
                return new RequestPrincipal(PrincipalKind.Aws, arn, $"arn:{partition}:iam::{account}:role/{parts[1]}", account, null);
            }
        }

        if (service is not ("iam" or "sts"))
        {
            throw new FormatException($"principal \"{arn}\" is not an IAM or STS ARN");
        }

        return new RequestPrincipal(PrincipalKind.Aws, arn, arn, account, null) { IsRootUser = service == "iam" && resource == "root" };
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();
}
