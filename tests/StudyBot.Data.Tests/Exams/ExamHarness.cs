using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Data.Stores;
using StudyBot.Exams;
using StudyBot.Groups;
using StudyBot.Outbox;
using StudyBot.Practice;
using StudyBot.Questions;
using StudyBot.Tests.Shared;

namespace StudyBot.Data.Tests.Exams;

/// <summary>The exam feature over a real SQLite file and a fake clock. <see cref="Restart"/> builds new service
/// instances over the same database, as a process restart would.</summary>
public sealed class ExamHarness : IDisposable
{
    public static readonly DateTimeOffset Monday = new(2030, 6, 3, 12, 0, 0, TimeSpan.Zero);

    public static readonly StudyGroup Group = new("g1", ChatPlatformKind.Discord, "chan", "UTC", new LocalTime(9, 0), new LocalTime(17, 0), IsoDayOfWeek.Monday);

    public static readonly ExamBlueprint Blueprint = new()
    {
        Areas = new() { ["icd-10-cm"] = 12, ["anatomy"] = 4, ["compliance"] = 3 },
        TimeLimit = TimeSpan.FromMinutes(240),
        PassMark = 0.70,
    };

    private ExamHarness(TempDatabase db)
    {
        Db = db;
        ImportedBanks = new SqliteImportedBankStore(db.Database, Time);
        Questions = new QuestionSource(Bank, ImportedBanks, new SqliteCodeSetStore(db.Database, Time), Time);
        Restart();
    }

    public TempDatabase Db { get; }

    public FakeTime Time { get; } = new(Monday);

    public RecordingSchedule Schedule { get; } = new();

    public QuestionBank Bank { get; } = new(
    [
        .. Enumerable.Range(1, 30).Select(i => Q($"icd-{i:000}", ContentArea.Icd10Cm, i)),
        .. Enumerable.Range(1, 10).Select(i => Q($"ana-{i:000}", ContentArea.Anatomy, i)),
        .. Enumerable.Range(1, 10).Select(i => Q($"cmp-{i:000}", ContentArea.Compliance, i)),
    ]);

    /// <summary>Questions groups import into their own banks (and the shared one).</summary>
    public SqliteImportedBankStore ImportedBanks { get; }

    /// <summary>What exams and practice draw from: <see cref="Bank"/> plus the imported banks.</summary>
    public QuestionSource Questions { get; }

    /// <summary>Where closed exams send their answers for spaced repetition; empty unless a test adds one.</summary>
    public List<IReviewLog> ReviewLogs { get; } = [];

    public SqliteExamStore Store { get; private set; } = null!;

    public ExamService Service { get; private set; } = null!;

    public ExamSitting Sitting { get; private set; } = null!;

    public static async Task<ExamHarness> CreateAsync()
    {
        var harness = new ExamHarness(await TempDatabase.CreateAsync());
        await new SqliteGroupStore(harness.Db.Database, harness.Time).SaveAsync(Group, default);
        return harness;
    }

    public static ChatContext Member(string name, bool admin = false) =>
        new(ChatPlatformKind.Discord, Group.Id, Group.ChannelId, new ChatUser(name.ToLowerInvariant(), name), admin);

    /// <summary>Fresh service instances over the same database: nothing survives but what was stored.</summary>
    public void Restart()
    {
        Store = new SqliteExamStore(Db.Database, Time);
        var groups = new SqliteGroupStore(Db.Database, Time);
        Service = new ExamService(
            Store, new SqliteDailyStore(Db.Database, Time), groups, Questions, new BlueprintSampler(Blueprint), Schedule, new NoSignal(), Time, Blueprint,
            Options.Create(new ExamOptions()), Options.Create(new DailyOptions()), NullLogger<ExamService>.Instance, ReviewLogs);
        Sitting = new ExamSitting(Store, Service, groups, Time, Blueprint);
    }

    /// <summary>Channel posts waiting in the outbox, oldest first.</summary>
    public async Task<IReadOnlyList<ChatMessage>> PostsAsync() =>
        [.. (await new SqliteOutboxStore(Db.Database).DueAsync(Time.Now.AddYears(10), 500, default)).Select(p => p.Entry.Message)];

    /// <summary>Schedules a group exam of <paramref name="questions"/> questions starting two days from now.</summary>
    public async Task<MockExam> ScheduleAsync(int questions = 10, TimeSpan? duration = null, DateTimeOffset? start = null)
    {
        await Service.ScheduleAsync(Group, Member("Admin", admin: true).User, start ?? Time.Now.AddDays(2), questions, duration ?? TimeSpan.FromMinutes(60), null, default);
        return (await Store.UpcomingAsync(Group.Id, default))[^1];
    }

    /// <summary>Clicks the button with this label on a screen, as the member would.</summary>
    public async Task<InteractionResponse> ClickAsync(ChatContext who, ChatMessage screen, string label)
    {
        var button = screen.Buttons.Single(b => b.Label == label);
        Assert.False(button.Disabled, $"'{label}' is disabled");
        Assert.True(button.CustomId.Length <= ChatButton.MaxCustomIdLength);
        if (ExamMessages.TryParseReportButton(button.CustomId, out var attemptId, out var page))
        {
            return await Sitting.ReportPageAsync(who, attemptId, page, default);
        }

        Assert.True(ExamMessages.TryParseButton(button.CustomId, out var parsed));
        return await Sitting.ClickAsync(who, parsed, default);
    }

    /// <summary>Personal practice over the same database, as the bot wires it: the review log exams feed.</summary>
    public PracticeService Practice()
    {
        var fsrs = new FsrsScheduler(FsrsParameters.Default);
        return new PracticeService(
            new SqlitePracticeStore(Db.Database), new SqliteDailyStore(Db.Database, Time), new SqliteGroupStore(Db.Database, Time), Questions, new PracticeSelector(Blueprint, fsrs), fsrs, Time,
            Options.Create(new PracticeOptions()), NullLogger<PracticeService>.Instance);
    }

    /// <summary>The key of the question a screen shows.</summary>
    public async Task<ChoiceLetter> KeyAsync(long examId, int position) => (await Store.QuestionsAsync(examId, default))[position].Answer!.Value;

    public void Dispose()
    {
        Questions.Dispose();
        Db.Dispose();
    }

    private static Question Q(string id, ContentArea area, int i) => Question.MultipleChoice(
        id, area, Difficulty.Medium, $"Question {id}?", [$"{id} a", $"{id} b", $"{id} c", $"{id} d"], ChoiceLetter.FromIndex(i % 4), $"Because {id}.", null, [], "test");

    private sealed class NoSignal : IOutboxSignal
    {
        public void Notify()
        {
        }
    }
}

/// <summary>An exam schedule that remembers what it was asked to do.</summary>
public sealed class RecordingSchedule : IExamSchedule
{
    public List<long> Scheduled { get; } = [];

    public List<long> Unscheduled { get; } = [];

    public Task ScheduleAsync(MockExam exam, CancellationToken cancellationToken)
    {
        Scheduled.Add(exam.Id);
        return Task.CompletedTask;
    }

    public Task UnscheduleAsync(long examId, CancellationToken cancellationToken)
    {
        Unscheduled.Add(examId);
        return Task.CompletedTask;
    }
}

public static class ResponseExtensions
{
    public static ChatMessage Message(this InteractionResponse response) => response switch
    {
        ReplyResponse r => r.Message,
        UpdateResponse u => u.Message,
        _ => throw new InvalidOperationException("No message in " + response.GetType().Name),
    };

    public static string Text(this InteractionResponse response) =>
        response.Message().Title + "\n" + response.Message().Body + "\n" + string.Join("\n", response.Message().Fields.Select(f => f.Name + ": " + f.Value));
}
