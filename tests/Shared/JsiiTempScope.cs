using System.Runtime.CompilerServices;
using EdgeIam.Infrastructure;

namespace EdgeIam.Tests.Shared;

/// <summary>
/// Gives a test process that runs the CDK its own temp folder (see <see cref="JsiiTempDirectory"/>), removed when the
/// process exits, so a test run leaves neither the jsii runtime's 64 MB of tarballs nor the tests' synth folders
/// behind. Linked into the test projects that synthesize.
/// </summary>
internal static class JsiiTempScope
{
    [ModuleInitializer]
    internal static void Enter()
    {
        var temp = JsiiTempDirectory.Create();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => temp.Dispose();
    }
}
