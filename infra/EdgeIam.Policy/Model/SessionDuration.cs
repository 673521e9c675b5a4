using System.Globalization;

namespace EdgeIam.Policy.Model;

/// <summary>Session lengths as the stack file writes them (<c>1h</c>, <c>15m</c>, <c>90s</c>), for diffs and reports alike.</summary>
internal static class SessionDuration
{
    public static string Format(int seconds) =>
        seconds % 3600 == 0 ? $"{(seconds / 3600).ToString(CultureInfo.InvariantCulture)}h"
        : seconds % 60 == 0 ? $"{(seconds / 60).ToString(CultureInfo.InvariantCulture)}m"
        : $"{seconds.ToString(CultureInfo.InvariantCulture)}s";
}
