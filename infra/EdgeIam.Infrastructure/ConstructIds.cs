namespace EdgeIam.Infrastructure;

/// <summary>Construct IDs derived from config names. IDs become logical IDs, so the mapping must never change.</summary>
public static class ConstructIds
{
    /// <summary><c>video-analytics</c> → <c>VideoAnalytics</c>; <c>wl1-bos-wlz-1</c> → <c>Wl1BosWlz1</c>.</summary>
    public static string Pascal(string name) =>
        string.Concat(name.Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
