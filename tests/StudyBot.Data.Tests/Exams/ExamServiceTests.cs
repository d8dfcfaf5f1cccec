using StudyBot.Chat;
using StudyBot.Data.Stores;
using StudyBot.Exams;
using StudyBot.Practice;
using StudyBot.Questions;

namespace StudyBot.Data.Tests.Exams;

public sealed class ExamServiceTests
{
    private static readonly ChatContext Ann = ExamHarness.Member("Ann");
    private static readonly ChatContext Bob = ExamHarness.Member("Bob");
    private static readonly ChatContext Cid = ExamHarness.Member("Cid");

    [Fact]
    public async Task Stage_FiredTwice_AnnouncesAndWarnsOnce()
    {
        using var h = await ExamHarness.CreateAsync();
        var exam = await h.ScheduleAsync(questions: 10, duration: TimeSpan.FromMinutes(60));

        h.Time.Now = exam.StartsAt.AddHours(-1);
        Assert.True(await h.Service.RunStageAsync(exam.Id, ExamStage.AnnounceHourBefore, default));
        Assert.False(await h.Service.RunStageAsync(exam.Id, ExamStage.AnnounceHourBefore, default));
        h.Time.Now = exam.StartsAt;
        await h.Service.RunStageAsync(exam.Id, ExamStage.Open, default);
        h.Time.Now = exam.EndsAt.AddMinutes(-30);
        Assert.True(await h.Service.RunStageAsync(exam.Id, ExamStage.Warning, default));
        Assert.False(await h.Service.RunStageAsync(exam.Id, ExamStage.Warning, default));

        var titles = (await h.PostsAsync()).Select(p => p.Title).ToList();
        Assert.Single(titles, t => t == "Mock exam · starts in 1 hour");
        Assert.Single(titles, t => t.StartsWith("Mock exam · ", StringComparison.Ordinal) && t.EndsWith(" left", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LifeCycle_AnnounceOpenAnswerFlagReviewAndAutoSubmitAtClose_GivesReportsAndAGroupResult()
    {
        using var h = await ExamHarness.CreateAsync();
        var exam = await h.ScheduleAsync(questions: 10, duration: TimeSpan.FromMinutes(60));
        Assert.Contains(exam.Id, h.Schedule.Scheduled);

        h.Time.Now = exam.StartsAt.AddHours(-24);
        Assert.True(await h.Service.RunStageAsync(exam.Id, ExamStage.AnnounceDayBefore, default));
        h.Time.Now = exam.StartsAt.AddHours(-1);
        Assert.True(await h.Service.RunStageAsync(exam.Id, ExamStage.AnnounceHourBefore, default));
        Assert.Contains("opens at", (await h.Sitting.JoinAsync(Ann, ExamHarness.Group, null, default)).Text(), StringComparison.Ordinal);
        h.Time.Now = exam.StartsAt;
        Assert.True(await h.Service.RunStageAsync(exam.Id, ExamStage.Open, default));

        var posts = await h.PostsAsync();
        Assert.Equal(["Mock exam · starts in 24 hours", "Mock exam · starts in 1 hour", "Mock exam · open now"], posts.Select(p => p.Title));
        Assert.All(posts, p => Assert.Equal("Join", Assert.Single(p.Buttons).Label));

        // Ann answers everything right, flags question 2, reviews and submits.
        var screen = (await h.Sitting.JoinAsync(Ann, ExamHarness.Group, null, default)).Message();
        Assert.True(screen.Ephemeral);
        Assert.Contains(screen.Fields, f => f.Name == "Time left" && f.Value == "1 h 00 min left");
        for (var i = 0; i < 10; i++)
        {
            screen = (await h.ClickAsync(Ann, screen, (await h.KeyAsync(exam.Id, i)).ToString())).Message();
            if (i == 1)
            {
                screen = (await h.ClickAsync(Ann, screen, "Flag")).Message();
                Assert.Contains("Flagged for review", screen.Body, StringComparison.Ordinal);
            }

            if (i < 9)
            {
                screen = (await h.ClickAsync(Ann, screen, "Next")).Message();
            }
        }

        var review = (await h.ClickAsync(Ann, screen, "Review")).Message();
        Assert.Contains("Answered 10 of 10", review.Body, StringComparison.Ordinal);
        Assert.Contains("Flagged for review: 2", review.Body, StringComparison.Ordinal);
        var back = (await h.ClickAsync(Ann, review, "First flagged")).Message();
        Assert.StartsWith("Mock exam · Question 2 of 10", back.Title, StringComparison.Ordinal);
        review = (await h.ClickAsync(Ann, back, "Review")).Message();
        Assert.Contains("Your answers are in", (await h.ClickAsync(Ann, review, "Submit")).Text(), StringComparison.Ordinal);
        Assert.Contains("no scored exam yet", (await h.Sitting.ResultsAsync(Ann, ExamHarness.Group, default)).Text(), StringComparison.Ordinal);

        // Bob gets the first seven right and stops; Cid answers one question wrongly and never finishes.
        screen = (await h.Sitting.JoinAsync(Bob, ExamHarness.Group, null, default)).Message();
        for (var i = 0; i < 7; i++)
        {
            screen = (await h.ClickAsync(Bob, screen, (await h.KeyAsync(exam.Id, i)).ToString())).Message();
            screen = (await h.ClickAsync(Bob, screen, "Next")).Message();
        }

        screen = (await h.Sitting.JoinAsync(Cid, ExamHarness.Group, null, default)).Message();
        var wrong = ((await h.KeyAsync(exam.Id, 0)).Index + 1) % 4;
        await h.ClickAsync(Cid, screen, "ABCD"[wrong].ToString());

        h.Time.Now = exam.EndsAt.AddMinutes(-30);
        Assert.True(await h.Service.RunStageAsync(exam.Id, ExamStage.Warning, default));
        Assert.Equal("Mock exam · 30 min left", (await h.PostsAsync())[^1].Title);

        h.Time.Now = exam.EndsAt;
        Assert.True(await h.Service.RunStageAsync(exam.Id, ExamStage.Close, default));
        Assert.False(await h.Service.RunStageAsync(exam.Id, ExamStage.Close, default));

        var result = (await h.PostsAsync())[^1];
        Assert.StartsWith("Mock exam results", result.Title, StringComparison.Ordinal);
        Assert.Contains("3 members sat the exam · pass rate 67% (2 of 3) · average 57%", result.Body, StringComparison.Ordinal);
        var top = result.Fields.Single(f => f.Name == "Top scores").Value;
        Assert.StartsWith("1. Ann — 10/10 (100%)\n2. Bob — 7/10 (70%)\n3. Cid — 0/10 (0%)", top, StringComparison.Ordinal);
        Assert.Contains("Q8", result.Fields.Single(f => f.Name == "Hardest questions").Value, StringComparison.Ordinal);

        var annReport = await h.Sitting.ResultsAsync(Ann, ExamHarness.Group, default);
        Assert.Contains("Score: 10/10 (100%) · PASS", annReport.Text(), StringComparison.Ordinal);
        var cidReport = (await h.Sitting.ResultsAsync(Cid, ExamHarness.Group, default)).Message();
        Assert.Contains("Score: 0/10 (0%) · not a pass yet", cidReport.Body, StringComparison.Ordinal);
        Assert.Contains("submitted automatically", cidReport.Body, StringComparison.Ordinal);
        Assert.Contains(cidReport.Fields, f => f.Value.Contains("below pass mark", StringComparison.Ordinal));
        var missed = (await h.ClickAsync(Cid, cidReport, "Missed questions")).Message();
        Assert.StartsWith("Missed question 1 of 10", missed.Title, StringComparison.Ordinal);
        Assert.Contains(missed.Fields, f => f.Name == "Your answer" && f.Value.StartsWith("ABCD"[wrong].ToString(), StringComparison.Ordinal));
        Assert.Contains(missed.Fields, f => f.Name == "Why" && f.Value.StartsWith("Because", StringComparison.Ordinal));
        var second = (await h.ClickAsync(Cid, missed, "Next")).Message();
        Assert.Contains(second.Fields, f => f.Name == "Your answer" && f.Value == "Not answered");

        var board = await h.Store.BoardAsync(ExamHarness.Group.Id, 10, default);
        Assert.Equal(["ann", "bob", "cid"], board.Select(r => r.UserId));
        var stats = await new SqliteLeaderboardStore(h.Db.Database).AreaStatsAsync(ExamHarness.Group.Id, "bob", default);
        Assert.Equal(10, stats.Sum(s => s.Answered));
        Assert.Equal(7, stats.Sum(s => s.Correct));
    }

    [Fact]
    public async Task Restart_MidExam_ResumesExactlyWhereTheMemberWas()
    {
        using var h = await ExamHarness.CreateAsync();
        var exam = await h.ScheduleAsync();
        h.Time.Now = exam.StartsAt;
        await h.Service.RunStageAsync(exam.Id, ExamStage.Open, default);
        var screen = (await h.Sitting.JoinAsync(Ann, ExamHarness.Group, null, default)).Message();
        screen = (await h.ClickAsync(Ann, screen, "C")).Message();
        screen = (await h.ClickAsync(Ann, screen, "Next")).Message();
        screen = (await h.ClickAsync(Ann, screen, "Next")).Message();
        screen = (await h.ClickAsync(Ann, screen, "Flag")).Message();

        h.Restart();
        h.Time.Advance(TimeSpan.FromMinutes(10));
        var resumed = (await h.Sitting.ResumeAsync(Ann, ExamHarness.Group, default)).Message();

        Assert.Equal("Mock exam · Question 3 of 10", resumed.Title);
        Assert.Contains("Flagged for review", resumed.Body, StringComparison.Ordinal);
        Assert.Contains(resumed.Fields, f => f.Name == "Progress" && f.Value == "1/10 answered · 1 flagged");
        Assert.Contains(resumed.Fields, f => f.Name == "Time left" && f.Value == "50 min left");
        var first = (await h.ClickAsync(Ann, (await h.ClickAsync(Ann, resumed, "Previous")).Message(), "Previous")).Message();
        Assert.Contains("Your answer: C", first.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warning_BeforeOpenOrAfterClose_PostsNothing()
    {
        using var h = await ExamHarness.CreateAsync();
        var exam = await h.ScheduleAsync();

        Assert.False(await h.Service.RunStageAsync(exam.Id, ExamStage.Warning, default));
        h.Time.Now = exam.EndsAt;
        await h.Service.RunStageAsync(exam.Id, ExamStage.Close, default);
        Assert.False(await h.Service.RunStageAsync(exam.Id, ExamStage.Warning, default));
        Assert.DoesNotContain(await h.PostsAsync(), p => p.Title.Contains("left", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Answer_AfterTheClose_IsRefusedAndChangesNothing()
    {
        using var h = await ExamHarness.CreateAsync();
        var exam = await OpenAsync(h);
        var screen = (await h.Sitting.JoinAsync(Ann, ExamHarness.Group, null, default)).Message();
        screen = (await h.ClickAsync(Ann, screen, "A")).Message();

        // The close job has not run yet: the clock alone decides.
        h.Time.Now = exam.EndsAt.AddMinutes(1);
        var reply = await h.ClickAsync(Ann, screen, "B");

        Assert.IsType<ReplyResponse>(reply);
        Assert.Contains("Time is up", reply.Text(), StringComparison.Ordinal);
        var attempt = await h.Store.FindAttemptAsync(exam.Id, "ann", default);
        Assert.Equal("A", Assert.Single(await h.Store.AnswersAsync(attempt!.Id, default)).Choice.ToString());
        Assert.Equal(AttemptStatus.Submitted, attempt.Status);
    }

    [Fact]
    public async Task Click_OnAnotherMembersScreen_IsRefusedAndChangesNothing()
    {
        using var h = await ExamHarness.CreateAsync();
        var exam = await OpenAsync(h);
        var annScreen = (await h.Sitting.JoinAsync(Ann, ExamHarness.Group, null, default)).Message();

        var reply = await h.ClickAsync(Bob, annScreen, "D");

        Assert.Contains("belongs to another member", reply.Text(), StringComparison.Ordinal);
        var attempt = await h.Store.FindAttemptAsync(exam.Id, "ann", default);
        Assert.Empty(await h.Store.AnswersAsync(attempt!.Id, default));
        Assert.Null(await h.Store.FindAttemptAsync(exam.Id, "bob", default));
    }

    [Fact]
    public async Task Submit_Twice_IsRefusedTheSecondTime()
    {
        using var h = await ExamHarness.CreateAsync();
        var exam = await OpenAsync(h);
        var review = (await h.ClickAsync(Ann, (await h.Sitting.JoinAsync(Ann, ExamHarness.Group, null, default)).Message(), "Review")).Message();
        await h.ClickAsync(Ann, review, "Submit");
        var submittedAt = (await h.Store.FindAttemptAsync(exam.Id, "ann", default))!.SubmittedAt;
        h.Time.Advance(TimeSpan.FromMinutes(1));

        var again = await h.ClickAsync(Ann, review, "Submit");

        Assert.Contains("already submitted", again.Text(), StringComparison.Ordinal);
        Assert.Equal(submittedAt, (await h.Store.FindAttemptAsync(exam.Id, "ann", default))!.SubmittedAt);
        Assert.Contains("already submitted", (await h.Sitting.JoinAsync(Ann, ExamHarness.Group, null, default)).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Click_OnAStaleScreen_IsRefusedAndChangesNothing()
    {
        using var h = await ExamHarness.CreateAsync();
        var exam = await OpenAsync(h);
        var old = (await h.Sitting.JoinAsync(Ann, ExamHarness.Group, null, default)).Message();
        await h.ClickAsync(Ann, old, "Next");

        var reply = await h.ClickAsync(Ann, old, "B");

        Assert.Contains("out of date", reply.Text(), StringComparison.Ordinal);
        var attempt = await h.Store.FindAttemptAsync(exam.Id, "ann", default);
        Assert.Empty(await h.Store.AnswersAsync(attempt!.Id, default));
        Assert.Equal(1, attempt.Position);
    }

    [Fact]
    public async Task Cancel_BeforeTheStart_TellsTheChannelAndTheExamCannotBeJoined()
    {
        using var h = await ExamHarness.CreateAsync();
        var exam = await h.ScheduleAsync();

        Assert.True(await h.Service.CancelAsync(ExamHarness.Group, exam, default));
        h.Time.Now = exam.StartsAt;

        Assert.False(await h.Service.RunStageAsync(exam.Id, ExamStage.Open, default));
        Assert.Equal("Mock exam cancelled", (await h.PostsAsync())[^1].Title);
        Assert.Contains(exam.Id, h.Schedule.Unscheduled);
        Assert.Contains("cancelled", (await h.Sitting.JoinAsync(Ann, ExamHarness.Group, exam.Id, default)).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Practice_SubmitShowsTheReportAtOnceAndCountsInAreaStatsButNotOnTheBoard()
    {
        using var h = await ExamHarness.CreateAsync();
        var screen = (await h.Sitting.PracticeAsync(Ann, ExamHarness.Group, 4, TimeSpan.FromMinutes(10), null, default)).Message();
        Assert.StartsWith("Practice exam · Question 1 of 4", screen.Title, StringComparison.Ordinal);

        var report = (await h.ClickAsync(Ann, (await h.ClickAsync(Ann, screen, "Review")).Message(), "Submit")).Message();

        Assert.Contains("Score: 0/4", report.Body, StringComparison.Ordinal);
        Assert.Empty(await h.Store.BoardAsync(ExamHarness.Group.Id, 10, default));
        Assert.Equal(4, (await new SqliteLeaderboardStore(h.Db.Database).AreaStatsAsync(ExamHarness.Group.Id, "ann", default)).Sum(s => s.Answered));
        Assert.Empty(await h.PostsAsync());
    }

    [Fact]
    public async Task Results_MemberWhoOptedOut_IsCountedButNotNamed()
    {
        using var h = await ExamHarness.CreateAsync();
        await h.Store.SetNamedAsync(ExamHarness.Group.Id, "bob", named: false, default);
        var exam = await OpenAsync(h);
        await h.Sitting.JoinAsync(Ann, ExamHarness.Group, null, default);
        await h.Sitting.JoinAsync(Bob, ExamHarness.Group, null, default);
        h.Time.Now = exam.EndsAt;

        await h.Service.RunStageAsync(exam.Id, ExamStage.Close, default);

        var result = (await h.PostsAsync())[^1];
        Assert.Contains("2 members sat", result.Body, StringComparison.Ordinal);
        var top = result.Fields.Single(f => f.Name == "Top scores").Value;
        Assert.DoesNotContain("Bob", top, StringComparison.Ordinal);
        Assert.Contains("1 member chose not to be named", top, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_AnsweredQuestions_ComeBackInPracticeAsSpacedReviews()
    {
        using var h = await ExamHarness.CreateAsync();
        h.ReviewLogs.Add(h.Practice());
        var exam = await OpenAsync(h);
        var screen = (await h.Sitting.JoinAsync(Ann, ExamHarness.Group, null, default)).Message();
        var right = await h.KeyAsync(exam.Id, 0);
        screen = (await h.ClickAsync(Ann, screen, right.ToString())).Message();
        screen = (await h.ClickAsync(Ann, screen, "Next")).Message();
        var key = await h.KeyAsync(exam.Id, 1);
        await h.ClickAsync(Ann, screen, "ABCD"[(key.Index + 1) % 4].ToString());
        h.Time.Now = exam.EndsAt;

        Assert.True(await h.Service.RunStageAsync(exam.Id, ExamStage.Close, default));

        // Only the two answered questions are learned from; the eight left blank say nothing about memory.
        var questions = await h.Store.QuestionsAsync(exam.Id, default);
        var cards = (await new SqlitePracticeStore(h.Db.Database).CardsAsync("ann", default)).ToDictionary(c => c.QuestionId);
        Assert.Equal(2, cards.Count);
        Assert.Equal(exam.EndsAt.AddDays(1), cards[questions[1].Id].Due);
        Assert.Equal(exam.EndsAt.AddDays(3), cards[questions[0].Id].Due);

        h.Time.Now = exam.EndsAt.AddDays(1);
        var practice = await h.Practice().StartAsync(Ann, null, 3, default);
        Assert.Contains(questions[1].Stem, practice.Body, StringComparison.Ordinal);
        Assert.Contains(practice.Fields, f => f.Value == "Due for review");
    }

    [Fact]
    public async Task PracticeExam_Submit_FeedsSpacedRepetitionOnce()
    {
        using var h = await ExamHarness.CreateAsync();
        h.ReviewLogs.Add(h.Practice());
        var screen = (await h.Sitting.PracticeAsync(Ann, ExamHarness.Group, 4, TimeSpan.FromMinutes(10), null, default)).Message();
        screen = (await h.ClickAsync(Ann, screen, "A")).Message();
        var exam = (await h.Store.InProgressAsync(ExamHarness.Group.Id, "ann", default))[0];

        await h.ClickAsync(Ann, (await h.ClickAsync(Ann, screen, "Review")).Message(), "Submit");
        h.Time.Now = h.Time.Now.AddMinutes(10);
        Assert.False(await h.Service.RunStageAsync(exam.ExamId, ExamStage.Close, default));

        var card = Assert.Single(await new SqlitePracticeStore(h.Db.Database).CardsAsync("ann", default));
        Assert.Equal(1, card.Reps);
    }

    [Fact]
    public async Task Close_ReviewLogFails_TheExamStillClosesWithResultsAndReports()
    {
        using var h = await ExamHarness.CreateAsync();
        h.ReviewLogs.Add(new FailingReviewLog());
        var exam = await OpenAsync(h);
        var screen = (await h.Sitting.JoinAsync(Ann, ExamHarness.Group, null, default)).Message();
        await h.ClickAsync(Ann, screen, (await h.KeyAsync(exam.Id, 0)).ToString());
        h.Time.Now = exam.EndsAt;

        Assert.True(await h.Service.RunStageAsync(exam.Id, ExamStage.Close, default));

        Assert.StartsWith("Mock exam results", (await h.PostsAsync())[^1].Title, StringComparison.Ordinal);
        Assert.Contains("Score: 1/10", (await h.Sitting.ResultsAsync(Ann, ExamHarness.Group, default)).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_BeforeTheOpen_RegistersTheMemberWhoIsMentionedAtTheOpenAndResumesFromTheStart()
    {
        using var h = await ExamHarness.CreateAsync();
        var exam = await h.ScheduleAsync();
        h.Time.Now = exam.StartsAt.AddHours(-1);

        var early = (await h.Sitting.JoinAsync(Ann, ExamHarness.Group, exam.Id, default)).Text();
        var waiting = (await h.Sitting.ResumeAsync(Ann, ExamHarness.Group, default)).Text();
        h.Time.Now = exam.StartsAt;
        await h.Service.RunStageAsync(exam.Id, ExamStage.Open, default);
        h.Restart();
        var resumed = (await h.Sitting.ResumeAsync(Ann, ExamHarness.Group, default)).Message();
        var bob = (await h.Sitting.ResumeAsync(Bob, ExamHarness.Group, default)).Text();

        Assert.Contains("You are registered for exam #", early, StringComparison.Ordinal);
        Assert.Contains("opens at", waiting, StringComparison.Ordinal);
        var opened = (await h.PostsAsync())[^1];
        Assert.Equal("Mock exam · open now", opened.Title);
        Assert.Equal(["ann"], opened.Mentions);
        Assert.Contains("Registered: Ann.", opened.Body, StringComparison.Ordinal);
        Assert.StartsWith("Mock exam · Question 1 of 10", resumed.Title, StringComparison.Ordinal);
        Assert.True(resumed.Ephemeral);
        Assert.Contains("no exam in progress", bob, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_NobodyRegistered_PingsNobody()
    {
        using var h = await ExamHarness.CreateAsync();

        await OpenAsync(h);

        var opened = (await h.PostsAsync())[^1];
        Assert.Equal("Mock exam · open now", opened.Title);
        Assert.Empty(opened.Mentions);
    }

    [Fact]
    public async Task JoinButton_OnTheOpeningPostAfterTheClose_IsRefusedAndStartsNothing()
    {
        using var h = await ExamHarness.CreateAsync();
        var exam = await OpenAsync(h);
        var join = (await h.PostsAsync())[^1].Buttons.Single(b => b.Label == "Join");
        Assert.True(ExamMessages.TryParseJoinButton(join.CustomId, out var examId));
        h.Time.Now = exam.EndsAt;
        await h.Service.RunStageAsync(exam.Id, ExamStage.Close, default);

        var reply = await h.Sitting.JoinAsync(Ann, ExamHarness.Group, examId, default);

        Assert.Contains("has closed, so it can no longer be joined", reply.Text(), StringComparison.Ordinal);
        Assert.True(reply.Message().Ephemeral);
        Assert.Null(await h.Store.FindAttemptAsync(exam.Id, "ann", default));
    }

    [Fact]
    public async Task Schedule_GroupImportedItsOwnQuestions_DrawsThemButNeverAnotherGroupsOrTypedOnes()
    {
        using var h = await ExamHarness.CreateAsync();
        var own = Enumerable.Range(1, 3).Select(i => Radiology($"own-rad-{i}")).ToList();
        await h.ImportedBanks.SaveAsync(BankOwner.Group(ExamHarness.Group.Id), [.. own, Question.Typed(
            "own-rad-typed", ContentArea.Radiology, Difficulty.Easy, "Type the view name.", ["lateral"], "Lateral.", null, [], "own")], "own.csv", default);
        await h.ImportedBanks.SaveAsync(BankOwner.Group("other"), [.. Enumerable.Range(1, 3).Select(i => Radiology($"other-rad-{i}"))], "other.csv", default);
        var admin = ExamHarness.Member("Admin", admin: true).User;

        var tooMany = await h.Service.ScheduleAsync(ExamHarness.Group, admin, h.Time.Now.AddDays(1), 4, TimeSpan.FromMinutes(30), [ContentArea.Radiology], default);
        await h.Service.ScheduleAsync(ExamHarness.Group, admin, h.Time.Now.AddDays(2), 3, TimeSpan.FromMinutes(30), [ContentArea.Radiology], default);

        Assert.Contains("only 3 multiple-choice questions", tooMany.Body, StringComparison.Ordinal);
        var exam = Assert.Single(await h.Store.UpcomingAsync(ExamHarness.Group.Id, default));
        Assert.Equal(own.Select(q => q.Id), (await h.Store.QuestionsAsync(exam.Id, default)).Select(q => q.Id).Order(StringComparer.Ordinal));
    }

    private static Question Radiology(string id) => Question.MultipleChoice(
        id, ContentArea.Radiology, Difficulty.Medium, $"Radiology question {id}?", [$"{id} a", $"{id} b", $"{id} c", $"{id} d"], ChoiceLetter.FromIndex(2), $"Because {id}.", null, [], "import");

    private static async Task<MockExam> OpenAsync(ExamHarness h)
    {
        var exam = await h.ScheduleAsync();
        h.Time.Now = exam.StartsAt;
        await h.Service.RunStageAsync(exam.Id, ExamStage.Open, default);
        return exam;
    }

    private sealed class FailingReviewLog : IReviewLog
    {
        public Task RecordAsync(IReadOnlyList<ReviewAnswer> answers, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The practice store is unavailable.");
    }
}
