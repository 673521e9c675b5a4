using System.Collections.Concurrent;
using System.Globalization;
using CsCheck;
using EdgeIam.Config.Tests.Support;
using Xunit.Abstractions;

namespace EdgeIam.Config.Tests.Schema;

/// <summary>
/// Generated stack files that vary one numeric value (a count, a size, a hop limit, a duration, ports with a CIDR
/// and protocol) in every way YAML lets it be written. For each, the schema must give the loader's verdict on the
/// value the schema can see: for a quoted value that is the text itself; for an unquoted number it is the number
/// (YAML has dropped leading zeros and sign), so the schema must agree with the loader on the number written plainly.
/// </summary>
public sealed class SchemaPropertyTests(ITestOutputHelper output)
{
    private const string Top = """
        account: "111111111111"
        region: us-east-1
        network:
          vpcCidr: 10.20.0.0/16
          wavelengthZones:
            - zone: us-east-1-wl1-bos-wlz-1
              subnetCidr: 10.20.10.0/24
        edgeFleets:
          - name: fleet
            zone: us-east-1-wl1-bos-wlz-1
            instanceType: t3.medium

        """;

    /// <summary>Numbers around the bounds the loader checks for <paramref name="bounds"/>, and anything else.</summary>
    private static Gen<int> Around(params int[] bounds) => Gen.Frequency(
        (1, Gen.Int[-3, 70000]),
        (1, Gen.Int[bounds.Min() - 3, bounds.Max() + 3]),
        (3, Gen.OneOf(bounds)));

    /// <summary>How a number is written: plain (a YAML integer), with leading zeros or a sign, quoted, with a unit.</summary>
    private static Gen<(string Text, bool Unquoted)> Written(Gen<int> number) => Gen.Select(number, Gen.Int[0, 7], Gen.OneOf("", "s", "m", "h"), (n, form, unit) =>
    {
        var digits = n.ToString(CultureInfo.InvariantCulture);
        return form switch
        {
            0 => (digits, true),
            1 => ("0" + digits, n >= 0),
            2 => ("+" + digits, n >= 0),
            3 => ("\"" + digits + "\"", false),
            4 => ("\"00" + digits + "\"", false),
            5 => (digits + unit, unit.Length == 0),
            6 => ("\"" + digits + unit + "\"", false),
            _ => ("\"" + digits + " \"", false),
        };
    });

    private static readonly Gen<Sample> Field = Gen.OneOf(
        FieldOf("count", Around(0, 1, 20, 21)),
        FieldOf("rootVolumeSize", Around(7, 8, 16384, 16385)),
        FieldOf("metadataHopLimit", Around(0, 1, 2, 3, 64, 65)),
        FieldOf("maxSessionDuration", Around(0, 1, 12, 13, 59, 60, 720, 721, 3599, 3600, 43200, 43201)));

    private static readonly Gen<int> PortNumber = Around(0, 1, 21, 22, 23, 24, 3388, 3389, 3390, 5984, 5985, 5986, 5987, 65535, 65536);

    private static readonly Gen<string> Ports = Gen.OneOf(
        Written(PortNumber).Select(w => w.Text),
        Gen.Select(PortNumber, PortNumber, Gen.Bool, (a, b, quoted) => quoted ? $"\"{a}-{b}\"" : $"{a}-{b}"),
        Gen.OneOf("", "\"\"", "~", "22-", "-22", "1-2-3", "\"22 \"", "[22]", "0x16"));

    private static readonly Gen<Sample> Rule = Gen.Select(Gen.Int[0, 32], Gen.OneOf("", "tcp", "udp", "icmp", "TCP"), Ports, Gen.Bool,
        (prefix, protocol, ports, inbound) =>
        {
            var rule = $"    {(inbound ? "ingress" : "egress")}:\n      - cidr: 0.0.0.0/{prefix}\n"
                + (protocol.Length > 0 ? $"        protocol: {protocol}\n" : "")
                + (ports.Length > 0 ? $"        ports: {ports}\n" : "");
            var plain = ports.Length > 0 && IsPlainNumber(ports) && Plain(ports) != ports ? rule.Replace($"ports: {ports}\n", $"ports: {Plain(ports)}\n", StringComparison.Ordinal) : null;
            return new Sample(rule, plain, IsReversedRange(ports));
        });

    private static Gen<Sample> FieldOf(string key, Gen<int> number) => Written(number).Select(value =>
        new Sample($"    {key}: {value.Text}\n", value.Unquoted ? $"    {key}: {Plain(value.Text)}\n" : null, Reversed: false));

    [Fact]
    public void EveryWayOfWritingANumberGetsTheLoadersVerdict()
    {
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        Gen.OneOf(Field, Rule).Sample(sample =>
        {
            var yaml = Top + sample.Lines;
            var schema = StackSchema.Instance.Errors(YamlToJson.Convert(yaml, out var problem));
            var schemaAccepts = problem is null && schema.Count == 0;
            var loaderAccepts = Loads(yaml);
            string outcome;
            if (sample.Reversed)
            {
                // A range whose low end is above its high end: a check of meaning the schema leaves to the loader.
                Assert.False(loaderAccepts, "a reversed port range was accepted:\n" + sample.Lines);
                outcome = "reversed range: refused by the loader alone";
            }
            else if (sample.PlainLines is { } plain)
            {
                var plainAccepted = Loads(Top + plain);
                Assert.True(schemaAccepts == plainAccepted,
                    $"schema {(schemaAccepts ? "accepts" : "refuses")} the number in\n{sample.Lines}but the loader {(plainAccepted ? "accepts" : "refuses")} it written plainly\n{string.Join("\n", schema)}");
                outcome = loaderAccepts == plainAccepted
                    ? (loaderAccepts ? "unquoted: accepted by both" : "unquoted: refused by both")
                    : "unquoted: lost in YAML (loader reads the text, the schema the number)";
            }
            else
            {
                Assert.True(schemaAccepts == loaderAccepts,
                    $"schema {(schemaAccepts ? "accepts" : "refuses")} but the loader {(loaderAccepts ? "accepts" : "refuses")}:\n{sample.Lines}{string.Join("\n", schema)}");
                outcome = loaderAccepts ? "accepted by both" : "refused by both";
            }

            outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        }, iter: 2000, threads: 1, print: s => s.Lines);

        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{count,5} {outcome}");
        }

        Assert.True(outcomes.Keys.Count(k => k.Contains("accepted by both", StringComparison.Ordinal)) >= 2, "the generator never produced a valid value");
        Assert.True(outcomes.Keys.Count(k => k.Contains("refused by both", StringComparison.Ordinal)) >= 2, "the generator never produced an invalid value");
    }

    /// <summary>
    /// A declared rules quota (absent, or written any way YAML allows) and a rule count around it and around AWS's
    /// default 60: the schema refuses only what the loader refuses; it leaves a count over a declared quota to the
    /// loader (SchemaLimits "declared-quota") and the text of an unquoted number to YAML ("lost-in-yaml").
    /// </summary>
    [Fact]
    public void DeclaredQuotaAndRuleCountGetTheLoadersVerdict()
    {
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var quota = Gen.Frequency((1, Gen.Const(((string Text, bool Unquoted)?)null)),
            (4, Written(Around(0, 1, 30, 59, 60, 61, 1000, 1001)).Select(w => ((string Text, bool Unquoted)?)w)));
        var count = Gen.Frequency((3, Gen.Int[57, 63]), (1, Gen.Int[0, 70]), (1, Gen.Int[28, 32]));
        Gen.Select(quota, count, Gen.Bool, (q, n, inbound) => (Quota: q, Count: n, Inbound: inbound)).Sample(sample =>
        {
            string File(string? quotaText) => Top + $"    {(sample.Inbound ? "ingress" : "egress")}:" + (sample.Count == 0 ? " []\n" : "\n")
                + string.Concat(Enumerable.Range(1, sample.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"      - cidr: 203.0.113.{i}/32\n        ports: 443\n")))
                + (quotaText is null ? "" : $"quotas:\n  securityGroupRulesPerGroup: {quotaText}\n");
            var yaml = File(sample.Quota?.Text);
            var schemaAccepts = StackSchema.Instance.Errors(YamlToJson.Convert(yaml, out var problem)).Count == 0 && problem is null;
            var loaderAccepts = Loads(yaml);
            var plain = sample.Quota is { Unquoted: true } u && IsPlainNumber(u.Text) ? Plain(u.Text) : null;
            var declared = plain ?? sample.Quota?.Text.Trim('"');
            var limit = declared is not null && int.TryParse(declared, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000 ? n : (int?)null;
            string outcome;
            if (schemaAccepts == loaderAccepts)
            {
                outcome = loaderAccepts ? "accepted by both" : "refused by both";
            }
            else
            {
                Assert.True(schemaAccepts, $"the schema refuses what the loader accepts:\n{yaml}");
                if (limit is { } declaredLimit && sample.Count > declaredLimit && (plain is null || Loads(File(plain)) == false))
                {
                    outcome = "over the declared quota: refused by the loader alone";
                }
                else
                {
                    Assert.True(plain is not null && Loads(File(plain)), $"the loader alone refuses, for no listed reason:\n{yaml}");
                    outcome = "unquoted: lost in YAML (loader reads the text, the schema the number)";
                }
            }

            outcomes.AddOrUpdate(outcome, 1, (_, c) => c + 1);
        }, iter: 400, threads: 1, print: s => $"{s.Quota?.Text ?? "(no quota)"} / {s.Count} rules");

        foreach (var (outcome, c) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{c,5} {outcome}");
        }

        Assert.Contains("accepted by both", outcomes.Keys);
        Assert.Contains("refused by both", outcomes.Keys);
        Assert.Contains("over the declared quota: refused by the loader alone", outcomes.Keys);
    }

    /// <summary>These files read no other file, so the loader runs on them in memory.</summary>
    private static bool Loads(string yaml) => !StackFiles.Load(yaml).HasErrors;

    /// <summary>A YAML core-schema integer (digits with optional sign and leading zeros, or 0x hex) as JSON would print it.</summary>
    private static string Plain(string text) => text.StartsWith("0x", StringComparison.Ordinal)
        ? long.Parse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
        : long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    private static bool IsPlainNumber(string text) => text == "0x16" || text.Length > 0 && text.TrimStart('+', '-').Length > 0 && text.TrimStart('+', '-').All(char.IsAsciiDigit) && text.LastIndexOfAny(['+', '-']) <= 0;

    private static bool IsReversedRange(string ports)
    {
        var parts = ports.Trim('"').Split('-');
        return parts.Length == 2 && parts.All(p => p.Length is > 0 and <= 5 && p.All(char.IsAsciiDigit))
            && int.Parse(parts[0], CultureInfo.InvariantCulture) is >= 1 and <= 65535 and var from
            && int.Parse(parts[1], CultureInfo.InvariantCulture) is >= 1 and <= 65535 and var to
            && from > to;
    }

    private sealed record Sample(string Lines, string? PlainLines, bool Reversed);
}
