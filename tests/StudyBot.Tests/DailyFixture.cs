using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Data.Stores;
using StudyBot.Exams;
using StudyBot.Groups;
using StudyBot.Leaderboards;
using StudyBot.Outbox;
using StudyBot.Questions;
using StudyBot.Reports;
using StudyBot.Tests.Shared;

namespace StudyBot.Tests;

/// <summary>A chat platform that records what was posted and can be told to fail.</summary>
public sealed class RecordingPlatform : IChatPlatform
{
    private int next;

    public List<(string Id, string ChannelId, ChatMessage Message)> Sent { get; } = [];

    public List<(string MessageId, ChatMessage Message)> Edits { get; } = [];

    public Exception? FailWith { get; set; }

    public ChatPlatformKind Kind => ChatPlatformKind.Local;

    public Task<string> SendAsync(string channelId, ChatMessage message, CancellationToken cancellationToken)
    {
        if (FailWith is { } fault)
        {
            throw fault;
        }

        var id = $"msg-{++next}";
        Sent.Add((id, channelId, message));
        return Task.FromResult(id);
    }

    public Task EditAsync(string channelId, string messageId, ChatMessage message, CancellationToken cancellationToken)
    {
        if (FailWith is { } fault)
        {
            throw fault;
        }

        Edits.Add((messageId, message));
        return Task.CompletedTask;
    }
}

/// <summary>Records the schedule changes a group's settings cause.</summary>
public sealed class RecordingSchedule : IGroupSchedule
{
    public List<StudyGroup> Scheduled { get; } = [];

    public Task ScheduleAsync(StudyGroup group, CancellationToken cancellationToken)
    {
        Scheduled.Add(group);
        return Task.CompletedTask;
    }
}

/// <summary>The daily loop over a real SQLite file, a fake clock and a recording platform.</summary>
public sealed class DailyFixture : IDisposable
{
    public static readonly Question Key = Question.MultipleChoice(
        "ana-001", ContentArea.Anatomy, Difficulty.Easy, "Which chamber pumps oxygenated blood to the body?",
        ["Right atrium", "Left ventricle", "Right ventricle", "Left atrium"], ChoiceLetter.FromIndex(1),
        "B is right: the left ventricle pumps into the aorta.", "Anatomy: heart", [], "test");

    private DailyFixture(TempDatabase db, QuestionBank bank)
    {
        Db = db;
        Time = new FakeTime(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero)); // Monday 09:00 in Chicago
        Group = new StudyGroup("g1", ChatPlatformKind.Discord, "chan-1", "America/Chicago", new LocalTime(9, 0), new LocalTime(17, 0), IsoDayOfWeek.Monday);
        Rounds = new SqliteDailyStore(db.Database, Time);
        Boards = new SqliteLeaderboardStore(db.Database);
        Outbox = new SqliteOutboxStore(db.Database);
        Groups = new SqliteGroupStore(db.Database, Time);
        Reports = new SqliteQuestionReportStore(db.Database);
        Signal = new OutboxSignal();
        Daily = new DailyService(
            Rounds, Reports, bank, new QuestionPicker(new ExamBlueprint { Areas = new() { ["anatomy"] = 1, ["icd-10-cm"] = 1 } }), Signal, Time,
            Options.Create(new DailyOptions()), Options.Create(new ReportOptions()), NullLogger<DailyService>.Instance);
        Platform = new RecordingPlatform();
        Schedule = new RecordingSchedule();
        Dispatcher = NewDispatcher();
        Weekly = new WeeklyChallenge(Boards, Signal, Time, NullLogger<WeeklyChallenge>.Instance);
    }

    public TempDatabase Db { get; }

    public FakeTime Time { get; }

    public StudyGroup Group { get; }

    public SqliteDailyStore Rounds { get; }

    public SqliteLeaderboardStore Boards { get; }

    public SqliteOutboxStore Outbox { get; }

    public SqliteGroupStore Groups { get; }

    public SqliteQuestionReportStore Reports { get; }

    public RecordingSchedule Schedule { get; }

    public WeeklyChallenge Weekly { get; }

    public OutboxSignal Signal { get; }

    public DailyService Daily { get; }

    public RecordingPlatform Platform { get; }

    public OutboxDispatcher Dispatcher { get; }

    public LocalDate Today => Group.LocalDate(Time.GetUtcNow());

    /// <summary>A dispatcher over the same database, as a restarted process would build it.</summary>
    public OutboxDispatcher NewDispatcher() => new(
        Outbox, Platform, [new PauseOnUndeliverable(Groups, Schedule, NullLogger<PauseOnUndeliverable>.Instance)], Time, NullLogger<OutboxDispatcher>.Instance);

    /// <summary>Answers, then reveals, the group's round for today (opening it if needed).</summary>
    public async Task PlayDayAsync(params (string Name, string Answer)[] answers)
    {
        var (round, _) = await Daily.OpenRoundAsync(Group, Today, default);
        foreach (var (name, answer) in answers)
        {
            await AnswerAsync(name, answer);
        }

        await Daily.RevealAsync(Group, round, default);
    }

    public static async Task<DailyFixture> CreateAsync(params Question[] questions)
    {
        var fixture = new DailyFixture(await TempDatabase.CreateAsync(), new QuestionBank(questions.Length > 0 ? questions : [Key]));
        await fixture.Groups.SaveAsync(fixture.Group, default);
        return fixture;
    }

    public static ChatContext Member(string name, string groupId = "g1") =>
        new(ChatPlatformKind.Discord, groupId, "chan-1", new ChatUser(name.ToLowerInvariant(), name), IsGroupAdmin: false);

    public Task<ChatMessage> AnswerAsync(string name, string answer, long? roundId = null) =>
        Daily.AnswerAsync(Member(name), Group, roundId, answer, default);

    public void Dispose()
    {
        Dispatcher.Dispose();
        Signal.Dispose();
        Db.Dispose();
    }
}
