using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using StudyBot.Chat;
using StudyBot.CodeSets;
using StudyBot.Daily;
using StudyBot.Data.Stores;
using StudyBot.Exams;
using StudyBot.Groups;
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

    [Fact]
    public async Task Start_GroupImportedItsOwnQuestion_ServesItButNeverAnotherGroups()
    {
        var own = Mc("own-rad", ContentArea.Radiology, "Which view shows the lungs side on?", "Lateral", "A lateral view is side on.");
        var others = Mc("other-rad", ContentArea.Radiology, "Which view is taken front to back?", "AP", "AP is anterior-posterior.");
        var banks = new SqliteImportedBankStore(db.Database, time);
        await banks.SaveAsync(BankOwner.Group(Group), [own], "own.csv", default);
        await banks.SaveAsync(BankOwner.Group("other"), [others], "other.csv", default);
        var practice = NewService();

        var shown = await practice.StartAsync(Alice, ContentArea.Radiology, 5, default);
        var afterAnswer = await practice.AnswerAsync(Alice, null, null, "B", default);

        Assert.Contains(own.Stem, shown.Body, StringComparison.Ordinal);
        Assert.Contains(own.Rationale, afterAnswer.Body, StringComparison.Ordinal);
        Assert.Contains("every question available", afterAnswer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(others.Stem, shown.Body + afterAnswer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_DrillServedYesterday_IsStillCheckedToday()
    {
        var (icd, _) = await ImportCodeSetsAsync();
        await SaveGroupAsync(drills: true);
        var practice = NewService();
        await practice.StartAsync(Alice, ContentArea.Icd10Cm, 5, default);
        var servedId = (await OpenSessionAsync())!.CurrentQuestionId!;
        var served = (await questions.FindAsync(await FindGroupAsync(), servedId, default))!;

        time.Advance(TimeSpan.FromDays(1));
        var today = await questions.QuestionsForAsync(await FindGroupAsync(), default);
        var reply = await practice.AnswerAsync(Alice, null, null, RightAnswer(served), default);

        Assert.StartsWith("drill-icd-", servedId, StringComparison.Ordinal);
        Assert.DoesNotContain(today, q => q.Id == servedId);
        Assert.DoesNotContain("removed from the bank", reply.Body, StringComparison.Ordinal);
        Assert.Contains(served.Rationale, reply.Body, StringComparison.Ordinal);
        Assert.Equal(1, (await OpenSessionAsync())!.Correct);
        Assert.True(icd.IsBillable(KeyCode(served)));
    }

    [Fact]
    public async Task Start_DrillMissedYesterday_ComesBackAsADueReviewThoughNotAmongTodaysDrills()
    {
        await ImportCodeSetsAsync();
        await SaveGroupAsync(drills: true);
        var practice = NewService();
        await practice.StartAsync(Alice, ContentArea.Icd10Cm, 1, default);
        var missedId = (await OpenSessionAsync())!.CurrentQuestionId!;
        var missed = (await questions.FindAsync(await FindGroupAsync(), missedId, default))!;
        await practice.AnswerAsync(Alice, null, null, WrongAnswer(missed), default);

        time.Advance(TimeSpan.FromDays(1));
        var today = await questions.QuestionsForAsync(await FindGroupAsync(), default);
        var next = await practice.StartAsync(Alice, ContentArea.Icd10Cm, 5, default);

        Assert.DoesNotContain(today, q => q.Id == missedId);
        Assert.Equal(missedId, (await OpenSessionAsync())!.CurrentQuestionId);
        Assert.Contains(missed.Stem, next.Body, StringComparison.Ordinal);
        Assert.Contains(next.Fields, f => f.Value == "Due for review");
    }

    [Fact]
    public async Task Start_DrillsOn_EveryDrillServedKeysABillableCode()
    {
        var (icd, hcpcs) = await ImportCodeSetsAsync();
        await SaveGroupAsync(drills: true);
        var practice = NewService();
        var served = new List<Question>();
        foreach (var area in new[] { ContentArea.Icd10Cm, ContentArea.HcpcsLevelII })
        {
            // A whole day's drills of the area, so the "which is billable" one (headers as distractors) is among them.
            var reply = await practice.StartAsync(Alice, area, QuestionSource.DrillsPerSystem, default);
            while ((await OpenSessionAsync())?.CurrentQuestionId is { } id)
            {
                var question = (await questions.FindAsync(await FindGroupAsync(), id, default))!;
                served.Add(question);
                reply = await practice.AnswerAsync(Alice, null, null, RightAnswer(question), default);
            }

            Assert.Contains("Session complete", reply.Body, StringComparison.Ordinal);
        }

        Assert.Equal(2 * QuestionSource.DrillsPerSystem, served.Count);
        Assert.All(served, q => Assert.StartsWith("drill-", q.Id, StringComparison.Ordinal));
        Assert.Contains(served, q => q.Id.EndsWith("-billable", StringComparison.Ordinal));
        Assert.All(served, q =>
        {
            var key = (q.Area == ContentArea.Icd10Cm ? icd : hcpcs).Find(KeyCode(q));
            Assert.True(key is { IsHeader: false, IsDiscontinued: false }, $"{q.Id} keys {KeyCode(q)}");
        });
    }

    [Fact]
    public async Task Start_DrillsOff_ServesNoDrill()
    {
        await ImportCodeSetsAsync();
        await SaveGroupAsync(drills: false);
        var practice = NewService();

        var icdOnly = await practice.StartAsync(Alice, ContentArea.Icd10Cm, 5, default);
        var shown = new List<string>();
        await practice.StartAsync(Alice, null, 10, default);
        while ((await OpenSessionAsync())?.CurrentQuestionId is { } id)
        {
            shown.Add(id);
            await practice.AnswerAsync(Alice, null, null, "B", default);
        }

        Assert.Contains("no ICD-10-CM questions yet", icdOnly.Body, StringComparison.Ordinal);
        Assert.Equal(bank.Questions.Select(q => q.Id).Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
    }

    private static ChatContext Alice => Context("alice");

    private static ChatContext Bob => Context("bob");

    private static ChatContext Context(string user) => new(ChatPlatformKind.Local, Group, "chan", new ChatUser(user, user), IsGroupAdmin: false);

    private static long SessionOf(string customId) => PracticeMessages.TryParseAnswerButton(customId, out var s, out _, out _) ? s : throw new ArgumentException(customId);

    private static string QuestionOf(string customId) => PracticeMessages.TryParseAnswerButton(customId, out _, out var q, out _) ? q : throw new ArgumentException(customId);

    private static string StemOf(ChatMessage message) => new[] { Arm, Leg, Hipaa }.Single(q => message.Body.Contains(q.Stem, StringComparison.Ordinal)).Stem;

    private static Question Mc(string id, ContentArea area, string stem, string right, string why) =>
        Question.MultipleChoice(id, area, Difficulty.Medium, stem, ["Wrong one", right, "Wrong two", "Wrong three"], ChoiceLetter.FromIndex(1), why, null, [], "test");

    /// <summary>The right answer to type or click: the key letter, or the first accepted answer.</summary>
    private static string RightAnswer(Question q) => q.Answer is { } key ? key.ToString() : q.AcceptedAnswers[0];

    private static string WrongAnswer(Question q) => q.Answer is { } key ? ChoiceLetter.FromIndex((key.Index + 1) % 4).ToString() : "Z99.9";

    /// <summary>The code a drill keys: every drill's rationale starts with it ("A01.03 is ...").</summary>
    private static string KeyCode(Question drill) => drill.Rationale[..drill.Rationale.IndexOf(' ', StringComparison.Ordinal)];

    private Task<PracticeSession?> OpenSessionAsync() => new SqlitePracticeStore(db.Database).OpenSessionAsync("alice", Group, default);

    private async Task<StudyGroup> FindGroupAsync() => (await new SqliteGroupStore(db.Database, time).FindAsync(Group, default))!;

    private Task SaveGroupAsync(bool drills) => new SqliteGroupStore(db.Database, time).SaveAsync(
        StudyGroup.Default(Group, ChatPlatformKind.Local, "chan") with { Drills = drills }, default);

    /// <summary>A few ICD-10-CM categories (with headers) and HCPCS codes (two discontinued), stored as an import would.</summary>
    private async Task<(CodeSet Icd, CodeSet Hcpcs)> ImportCodeSetsAsync()
    {
        CodeEntry Icd(string code, string description, bool header = false) => new()
        {
            Code = code, System = CodeSystem.Icd10Cm, IsHeader = header, ShortDescription = description, LongDescription = description,
        };
        CodeEntry Hcpcs(string code, string description, bool discontinued = false) => new()
        {
            Code = code, System = CodeSystem.HcpcsLevelII, IsDiscontinued = discontinued, ShortDescription = description, LongDescription = description,
        };
        var icd = new CodeSet(CodeSystem.Icd10Cm, "ICD-10-CM FY2026", new[]
        {
            Icd("A01", "Typhoid and paratyphoid fevers", header: true),
            Icd("A010", "Typhoid fever", header: true),
            Icd("A0100", "Typhoid fever, unspecified"),
            Icd("A0101", "Typhoid meningitis"),
            Icd("A0102", "Typhoid fever with heart involvement"),
            Icd("A0103", "Typhoid pneumonia"),
            Icd("A0104", "Typhoid arthritis"),
            Icd("A0105", "Typhoid osteomyelitis"),
            Icd("A0109", "Typhoid fever with other complications"),
            Icd("A011", "Paratyphoid fever A", header: true),
            Icd("A0110", "Paratyphoid fever A, unspecified"),
            Icd("A0111", "Paratyphoid fever A with complications"),
            Icd("A012", "Paratyphoid fever B"),
            Icd("A013", "Paratyphoid fever C"),
            Icd("A014", "Paratyphoid fever, unspecified"),
        }.Select((e, i) => e with { Order = i }));
        var hcpcs = new CodeSet(CodeSystem.HcpcsLevelII, "HCPCS Level II October 2025", new[]
        {
            Hcpcs("A0021", "Ambulance service, outside state per mile, transport"),
            Hcpcs("A0080", "Non-emergency transportation, per mile, volunteer, no vested interest"),
            Hcpcs("A0090", "Non-emergency transportation, per mile, volunteer, interested individual"),
            Hcpcs("A0100", "Non-emergency transportation; taxi"),
            Hcpcs("A0110", "Non-emergency transportation and bus, intra or inter state carrier"),
            Hcpcs("A0120", "Non-emergency transportation: mini-bus, mountain area transports"),
            Hcpcs("A0130", "Non-emergency transportation: wheelchair van"),
            Hcpcs("A0140", "Non-emergency transportation and air travel", discontinued: true),
            Hcpcs("A0160", "Non-emergency transportation: per mile, caseworker or social worker", discontinued: true),
        }.Select((e, i) => e with { Order = i }));
        var store = new SqliteCodeSetStore(db.Database, time);
        await store.SaveCodeSetAsync(icd, CodeFileKind.Icd10CmOrder, "icd10cm_order_2026.txt", 0, default);
        await store.SaveCodeSetAsync(hcpcs, CodeFileKind.HcpcsText, "HCPC2025_OCT_ANWEB.txt", 0, default);
        return (icd, hcpcs);
    }

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
