using System.Runtime.CompilerServices;
using Amazon.CDK;
using Constructs;

namespace EdgeIam.Infrastructure.Iam;

/// <summary>
/// What every role created under one parent construct shares: its <see cref="EdgeIamStack"/> and its construct path.
/// Asked once per parent instead of once per role (each question is a round trip to node).
/// </summary>
internal sealed class ScopeFacts
{
    private static readonly ConditionalWeakTable<IConstruct, ScopeFacts> Known = [];

    private ScopeFacts(IConstruct scope)
    {
        Stack = EdgeIamStack.Containing(scope);
        Path = scope.Node.Path;
        // The nearest stack: a shard's nested stack, or the EdgeIam stack itself. Logical IDs are relative to it.
        StackPath = Amazon.CDK.Stack.Of(scope).Node.Path;
    }

    /// <summary>The EdgeIam stack the scope belongs to (through any nested stack).</summary>
    public EdgeIamStack Stack { get; }

    /// <summary>The scope's construct path from the app (<c>EdgeIam-dev/Oidc/Roles</c>).</summary>
    public string Path { get; }

    /// <summary>The construct path of the stack (nested or not) whose template holds what is built in the scope.</summary>
    public string StackPath { get; }

    public static ScopeFacts Of(IConstruct scope) => Known.GetValue(scope, static s => new ScopeFacts(s));
}
