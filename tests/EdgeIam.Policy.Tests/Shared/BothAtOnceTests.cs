using EdgeIam.Shared;

namespace EdgeIam.Policy.Tests.Shared;

public sealed class BothAtOnceTests
{
    [Fact]
    public void ResultsComeBackInTheOrderGiven()
    {
        var (first, second) = BothAtOnce.Run(() => "base", () => "head");

        Assert.Equal("base", first);
        Assert.Equal("head", second);
    }

    [Fact]
    public void WhenBothFailTheFirstsErrorWinsEvenIfTheSecondFailedSooner()
    {
        using var secondFailed = new ManualResetEventSlim();
        var error = Assert.Throws<InvalidOperationException>(() => BothAtOnce.Run<string>(
            () =>
            {
                // The first fails only after the second already has: the order of failing must not pick the error.
                Assert.True(secondFailed.Wait(TimeSpan.FromSeconds(30)));
                throw new InvalidOperationException("first");
            },
            () =>
            {
                try
                {
                    throw new InvalidOperationException("second");
                }
                finally
                {
                    secondFailed.Set();
                }
            }));

        Assert.Equal("first", error.Message);
    }

    [Fact]
    public void WhenOnlyTheSecondFailsItsErrorIsReportedUnwrapped()
    {
        var error = Assert.Throws<FormatException>(() => BothAtOnce.Run(() => "base", () => throw new FormatException("second")));

        Assert.Equal("second", error.Message);
    }
}
