namespace EdgeIam.Shared;

/// <summary>
/// Runs two independent computations at once (the CLI has two cores), and reports failures as if they had run one
/// after the other: the first's exception wins, whatever finished first, so the same bad input gives the same error.
/// </summary>
internal static class BothAtOnce
{
    public static (T First, T Second) Run<T>(Func<T> first, Func<T> second)
    {
        var running = Task.Run(second);
        T result;
        try
        {
            result = first();
        }
        catch
        {
            // The second's failure, if any, is observed here and dropped: the first's error is the one reported.
            _ = running.ContinueWith(t => t.Exception, TaskScheduler.Default);
            throw;
        }

        return (result, running.GetAwaiter().GetResult());
    }
}
