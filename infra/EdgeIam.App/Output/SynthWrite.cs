namespace EdgeIam.App.Output;

/// <summary>How <c>synth</c> puts the cloud assembly where it belongs.</summary>
public enum SynthWrite
{
    /// <summary>
    /// <c>edgeiam synth --out</c>: the folder is guarded (<see cref="OutputTarget"/>), built beside the target and
    /// swapped in as a whole only when synthesis succeeds (<see cref="AtomicDirectory"/>).
    /// </summary>
    ReplaceFolder,

    /// <summary>
    /// The CDK CLI ran the app (<c>CDK_OUTDIR</c> set, https://docs.aws.amazon.com/cdk/v2/guide/apps.html): the CLI
    /// chose and created that folder, may keep its own lock files in it while the app runs, and reads it after the app
    /// exits, so the assembly is written into it in place rather than by swapping the folder.
    /// </summary>
    IntoCdkOutdir,
}
