using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StudyBot.Chat;
using StudyBot.Discord;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rendering;
using StudyBot.Exams;
using StudyBot.Groups;
using StudyBot.Interactions;

namespace StudyBot.Benchmarks;

/// <summary>P5: a group mock exam of 100 questions with many participants, each clicking every 2 seconds
/// (answer, next, answer, next ...), the clicks of different members spread evenly over the 2 s.</summary>
internal static class ExamBenchmark
{
    private const string GuildId = "200000000000000002";
    private const string ChannelId = "300000000000000003";

    public static async Task<Figure> RunAsync(int participants, TimeSpan duration)
    {
        using var scratch = new Scratch("p5");
        using var bot = await BotUnderTest.CreateAsync(scratch.Folder);
        var group = BotUnderTest.Group(GuildId, ChannelId);
        await bot.Get<IGroupStore>().SaveAsync(group, CancellationToken.None);
        var service = bot.Get<ExamService>();
        var admin = new ChatUser("admin", "Admin");
        await service.ScheduleAsync(group, admin, DateTimeOffset.UtcNow, 100, TimeSpan.FromHours(4), null, CancellationToken.None);
        var exam = (await bot.Get<IExamStore>().UpcomingAsync(group.Id, CancellationToken.None)).Single(e => e.Status == ExamStatus.Open);
        var sitting = bot.Get<ExamSitting>();
        var router = bot.Get<InteractionRouter>();

        var screens = new ChatMessage[participants];
        for (var p = 0; p < participants; p++)
        {
            var joined = await sitting.JoinAsync(Member(p), group, exam.Id, CancellationToken.None);
            screens[p] = MessageOf(joined);
        }

        var period = TimeSpan.FromSeconds(2);
        var clicksEach = (int)(duration / period);
        var handling = new Latencies(participants * clicksEach);
        var lateness = new Latencies(participants * clicksEach);
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, participants).Select(p => Task.Run(async () =>
        {
            var offset = period * p / participants;
            for (var k = 0; k < clicksEach; k++)
            {
                var due = start + (long)((offset + (period * k)).TotalSeconds * Stopwatch.Frequency);
                var wait = Latencies.Ms(due - Stopwatch.GetTimestamp());
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait));
                }

                var label = k % 2 == 0 ? "ABCD"[(p + k) % 4].ToString() : "Next";
                var button = screens[p].Buttons.FirstOrDefault(b => b.Label == label && !b.Disabled) ?? screens[p].Buttons.First(b => b.Label == "A");
                var payload = BotUnderTest.ClickPayload(5_000_000 + (p * 1000) + k, GuildId, ChannelId, UserId(p), button.CustomId);

                var begin = Stopwatch.GetTimestamp();
                lateness.Add(begin - due);
                var interaction = JsonSerializer.Deserialize(payload, DiscordJsonContext.Default.DiscordInteraction)!;
                var response = await router.HandleClickAsync(InteractionMapper.Click(interaction), CancellationToken.None);
                var message = MessageOf(response);
                _ = JsonSerializer.SerializeToUtf8Bytes(
                    new InteractionCallbackPayload { Type = 7, Data = MessageRenderer.ToCallbackData(MessageRenderer.Render(message with { Ephemeral = false }, allowEphemeral: false)) },
                    DiscordJsonContext.Default.InteractionCallbackPayload);
                handling.Add(Stopwatch.GetTimestamp() - begin);
                if (response is UpdateResponse)
                {
                    screens[p] = message;
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));

        if (failures > 0)
        {
            throw new InvalidOperationException($"P5: {failures} clicks were refused instead of moving the exam on");
        }

        var p99 = handling.Percentile(99);
        return new Figure("P5", $"mock exam: {participants:#,0} participants clicking every 2 s, p99 handling", p99, "ms", "p99 ≤ 10 ms", p99 <= 10)
        {
            Notes = string.Create(CultureInfo.InvariantCulture,
                $"{handling.Count:#,0} clicks ({participants / period.TotalSeconds:#,0}/s for {duration.TotalSeconds:0} s); p50 {handling.Percentile(50):0.00}, max {handling.Max:0.00} ms; parse → router → exam store → render; clicks started p99 {lateness.Percentile(99):0.0} ms after their due time (timer lag on the shared machine)"),
        };
    }

    private static string UserId(int p) => string.Create(CultureInfo.InvariantCulture, $"4{p:00000000000000000}");

    private static ChatContext Member(int p) =>
        new(ChatPlatformKind.Discord, GuildId, ChannelId, new ChatUser(UserId(p), "Member " + UserId(p)), false);

    private static ChatMessage MessageOf(InteractionResponse response) => response switch
    {
        ReplyResponse r => r.Message,
        UpdateResponse u => u.Message,
        _ => throw new InvalidOperationException("No message in " + response.GetType().Name),
    };
}
