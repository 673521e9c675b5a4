namespace EdgeIam.Shared;

/// <summary>
/// The largest file of one kind the CLI reads. The caps sit far above any real input and exist so that a wrong path
/// (a disk image, a log, <c>/proc/kcore</c>) fails at once with a clear message instead of exhausting memory.
/// </summary>
internal sealed record InputFileLimit(string What, long MaxBytes)
{
    private const long MiB = 1024 * 1024;

    /// <summary>
    /// Stack files and the certificate, CRL and permissions boundary document files they name. The largest trust anchor certificate data AWS accepts
    /// is 8,000 characters (https://docs.aws.amazon.com/rolesanywhere/latest/APIReference/API_SourceData.html) and the
    /// largest CRL 300,000 bytes (https://docs.aws.amazon.com/rolesanywhere/latest/APIReference/API_ImportCrl.html);
    /// the shipped stack files are a few KB, and a boundary document holds at most 6,144 characters without whitespace
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
    /// </summary>
    public static InputFileLimit StackInput { get; } = new("stack file, certificate, CRL or boundary document", MiB);

    /// <summary>PEM certificates, bundles and keys read by <c>edgeiam pki</c>.</summary>
    public static InputFileLimit Pem { get; } = new("PEM certificate or key file", MiB);

    /// <summary>
    /// Synthesized CloudFormation templates. CloudFormation itself accepts at most 1 MB from S3
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html); the cap leaves
    /// room for pretty-printed templates that have not been deployed yet.
    /// </summary>
    public static InputFileLimit Template { get; } = new("CloudFormation template", 64 * MiB);

    /// <summary>A cloud assembly's <c>manifest.json</c>.</summary>
    public static InputFileLimit Manifest { get; } = new("cloud assembly manifest", 16 * MiB);

    /// <summary>The outputs file of <c>cdk deploy --outputs-file</c>.</summary>
    public static InputFileLimit Outputs { get; } = new("deploy outputs file", 16 * MiB);

    /// <summary>A stack file's placement lock (<c>&lt;name&gt;.lock.json</c>): a line per role, some hundred KB at most.</summary>
    public static InputFileLimit PlacementLock { get; } = new("placement lock file", 16 * MiB);

    public string Describe() => MaxBytes % MiB == 0 ? $"{MaxBytes / MiB} MiB" : $"{MaxBytes} bytes";
}
