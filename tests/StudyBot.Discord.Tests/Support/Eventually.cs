namespace StudyBot.Discord.Tests.Support;

/// <summary>Waits for a condition the system under test will reach; the limit is a safety net, never the assertion.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Never happened: {what}");
            }

            await Task.Delay(20);
        }
    }
}
