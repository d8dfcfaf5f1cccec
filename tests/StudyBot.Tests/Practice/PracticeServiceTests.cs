using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Data.Stores;
using StudyBot.Exams;
using StudyBot.Outbox;
using StudyBot.Practice;
using StudyBot.Questions;
using StudyBot.Tests.Shared;

namespace StudyBot.Tests.Practice;

/// <summary>PracticeService over the real SQLite store: what a member sees across clicks, reveals and restarts.</summary>
public sealed class PracticeServiceTests : IAsyncLifetime, IDisposable
{
    private const string Group = "g1";

    private static readonly Question Arm = Mc("anatomy-arm", ContentArea.Anatomy, "Which bone is in the upper arm?", "Humerus", "The humerus is the upper-arm bone.");
    private static readonly Question Leg = Mc("anatomy-leg", ContentArea.Anatomy, "Which bone is in the thigh?", "Femur", "The femur is the thigh bone.");
    private static readonly Question Hipaa = Mc("compliance-hipaa", ContentArea.Compliance, "Which law protects health information?", "HIPAA", "HIPAA's privacy rule protects it.");

    private readonly FakeTime time = new(new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly QuestionBank bank = new([Arm, Leg, Hipaa]);
    private TempDatabase db = null!;

    private QuestionSource questions = null!;

    public async Task InitializeAsync()
    {
        db = await TempDatabase.CreateAsync();
        questions = new QuestionSource(bank, new SqliteImportedBankStore(db.Database, time), new SqliteCodeSetStore(db.Database, time), time);
    }

    public Task DisposeAsync()
    {
        db.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => questions?.Dispose();

    [Fact]
    public async Task Start_OpenDailyQuestion_IsNeverServedUntilRevealed()
    {
        var roundId = await OpenDailyAsync(Arm);
        var practice = NewService();

        var first = await practice.StartAsync(Alice, ContentArea.Anatomy, 5, default);
        var afterAnswer = await practice.AnswerAsync(Alice, null, null, "B", default);

        Assert.Contains(Leg.Stem, first.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Arm.Stem, first.Body + afterAnswer.Body, StringComparison.Ordinal);
        Assert.Contains("every question available", afterAnswer.Body, StringComparison.Ordinal);

        await RevealAsync(roundId);
        var afterReveal = await practice.StartAsync(Alice, ContentArea.Anatomy, 5, default);
        Assert.Contains(Arm.Stem, afterReveal.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_QuestionBecameTodaysDailyWhileShown_IsSkippedWithoutRevealingTheAnswer()
    {
        var practice = NewService();
        var shown = await practice.StartAsync(Alice, ContentArea.Compliance, 3, default);
        Assert.Contains(Hipaa.Stem, shown.Body, StringComparison.Ordinal);

        await OpenDailyAsync(Hipaa);
        var reply = await practice.AnswerAsync(Alice, null, null, "B", default);

        Assert.Contains("question of the day", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Hipaa.Rationale, reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Right", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AfterRestart_ResumesTheSameQuestionAndOldButtonsStillWork()
    {
        var before = NewService();
        var first = await before.StartAsync(Alice, null, 3, default);
        var second = await before.AnswerAsync(Alice, null, null, "B", default);
        var button = second.Buttons[1].CustomId;

        // A new process: new service and store over the same database file; the last message was lost.
        var after = NewService();
        var resumed = await after.StartAsync(Alice, null, null, default);
        var clicked = await after.AnswerAsync(Alice, SessionOf(button), QuestionOf(button), "B", default);
        var clickedAgain = await after.AnswerAsync(Alice, SessionOf(button), QuestionOf(button), "B", default);

        Assert.Contains("resuming your practice (1 of 3 answered)", resumed.Body, StringComparison.Ordinal);
        Assert.Equal(second.Title, resumed.Title);
        Assert.Equal(StemOf(second), StemOf(resumed));
        Assert.Equal("Practice · question 3 of 3", clicked.Title);
        Assert.Contains("already answered", clickedAgain.Body, StringComparison.Ordinal);
        Assert.NotEqual(StemOf(first), StemOf(second));
    }

    [Fact]
    public async Task Answer_SomeoneElsesButton_IsRefused()
    {
        var practice = NewService();
        var shown = await practice.StartAsync(Alice, null, 3, default);
        var button = shown.Buttons[0].CustomId;

        var reply = await practice.AnswerAsync(Bob, SessionOf(button), QuestionOf(button), "A", default);

        Assert.Contains("not yours", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WrongAnswerYesterday_ComesBackAsADueReviewBeforeNewQuestions()
    {
        var practice = NewService();
        var shown = await practice.StartAsync(Alice, null, 1, default);
        var missed = bank.Questions.Single(q => shown.Body.Contains(q.Stem, StringComparison.Ordinal));
        var finished = await practice.AnswerAsync(Alice, null, null, "A", default);
        Assert.Contains("again in 1 day", finished.Body, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromDays(1));
        var next = await practice.StartAsync(Alice, null, 5, default);

        Assert.Contains(missed.Stem, next.Body, StringComparison.Ordinal);
        Assert.Contains(next.Fields, f => f.Value == "Due for review");
    }

    [Fact]
    public async Task RecordAsync_RevealedDailyAnswers_CountInStatsAndSchedule()
    {
        var practice = NewService();

        await practice.RecordAsync(
            [
                new ReviewAnswer("alice", Group, Arm.Id, Arm.Area, Correct: false, time.GetUtcNow(), null, ReviewSource.Daily),
                new ReviewAnswer("bob", Group, Arm.Id, Arm.Area, Correct: true, time.GetUtcNow(), TimeSpan.FromSeconds(1), ReviewSource.Daily),
            ],
            default);

        var store = new SqlitePracticeStore(db.Database);
        var aliceCard = Assert.Single(await store.CardsAsync("alice", default));
        var bobCard = Assert.Single(await store.CardsAsync("bob", default));
        Assert.Equal(time.GetUtcNow().AddDays(1), aliceCard.Due);
        // Daily answers are never timed, so a right one is Good (3 days: above Hard's 2), not Easy (8 days).
        Assert.Equal(time.GetUtcNow().AddDays(3), bobCard.Due);
        var progress = Assert.Single(await store.AreaProgressAsync("alice", time.GetUtcNow().AddDays(-30), default));
        Assert.Equal((1, 0), (progress.Answered, progress.Correct));
    }

    private static ChatContext Alice => Context("alice");

    private static ChatContext Bob => Context("bob");

    private static ChatContext Context(string user) => new(ChatPlatformKind.Local, Group, "chan", new ChatUser(user, user), IsGroupAdmin: false);

    private static long SessionOf(string customId) => PracticeMessages.TryParseAnswerButton(customId, out var s, out _, out _) ? s : throw new ArgumentException(customId);

    private static string QuestionOf(string customId) => PracticeMessages.TryParseAnswerButton(customId, out _, out var q, out _) ? q : throw new ArgumentException(customId);

    private static string StemOf(ChatMessage message) => new[] { Arm, Leg, Hipaa }.Single(q => message.Body.Contains(q.Stem, StringComparison.Ordinal)).Stem;

    private static Question Mc(string id, ContentArea area, string stem, string right, string why) =>
        Question.MultipleChoice(id, area, Difficulty.Medium, stem, ["Wrong one", right, "Wrong two", "Wrong three"], ChoiceLetter.FromIndex(1), why, null, [], "test");

    private PracticeService NewService()
    {
        var blueprint = new ExamBlueprint { Areas = new() { ["anatomy"] = 10, ["compliance"] = 10 } };
        var fsrs = new FsrsScheduler(FsrsParameters.Default);
        return new PracticeService(
            new SqlitePracticeStore(db.Database),
            new SqliteDailyStore(db.Database, time),
            new SqliteGroupStore(db.Database, time),
            questions,
            new PracticeSelector(blueprint, fsrs),
            fsrs,
            time,
            Options.Create(new PracticeOptions()),
            NullLogger<PracticeService>.Instance);
    }

    private async Task<long> OpenDailyAsync(Question question)
    {
        var now = time.GetUtcNow();
        var (round, _) = await new SqliteDailyStore(db.Database, time).OpenAsync(
            new NewRound(Group, LocalDate.FromDateTime(now.UtcDateTime), question, "chan", now, now.AddHours(5)),
            _ => OutboxEntry.Send("chan", ChatMessage.Public("Question of the day", question.Stem)),
            default);
        return round.Id;
    }

    private Task<bool> RevealAsync(long roundId) =>
        new SqliteDailyStore(db.Database, time).RevealAsync(
            roundId, time.GetUtcNow(), _ => new RevealPlan([], [], OutboxEntry.Send("chan", ChatMessage.Public("Revealed", "."))), default);
}
