namespace EdgeIam.Config.Stack;

/// <summary>
/// One entry of a stack file's <c>targets:</c> (an account and region the one definition is deployed to), so the
/// <see cref="StackConfig"/> built for it knows which target it is. Null on a stack file without <c>targets</c>.
/// </summary>
/// <param name="Index">Position in the <c>targets</c> list, from 0.</param>
/// <param name="Declared">Where the target's entry is (<c>targets[i]</c>), for errors found after loading.</param>
public sealed record StackTarget(int Index, Federation.SourcePosition Declared);
