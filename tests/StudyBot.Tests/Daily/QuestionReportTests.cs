using StudyBot.Chat;
using StudyBot.Questions;
using StudyBot.Reports;

namespace StudyBot.Tests.Daily;

public sealed class QuestionReportTests
{
    private static readonly Question Other = Question.MultipleChoice(
        "ana-002", ContentArea.Anatomy, Difficulty.Easy, "Which valve sits between the left atrium and left ventricle?",
        ["Mitral", "Tricuspid", "Aortic", "Pulmonary"], ChoiceLetter.FromIndex(0), "A is right: the mitral valve.", null, [], "test");

    [Fact]
    public async Task TwoMembersReport_QuestionIsWithheldUntilResolved()
    {
        using var f = await DailyFixture.CreateAsync(DailyFixture.Key, Other);
        var (round, _) = await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        await f.Daily.RevealAsync(f.Group, round, default);
        var reported = round.Question.Id;

        Assert.True(await f.Reports.FileAsync("g1", reported, round.Id, new ChatUser("ana", "Ana"), "Key looks wrong", f.Time.Now, default));
        Assert.False(await f.Reports.FileAsync("g1", reported, round.Id, new ChatUser("ana", "Ana"), "Again", f.Time.Now, default));
        Assert.Empty(await f.Reports.WithheldAsync("g1", 2, default));
        await f.Reports.FileAsync("g1", reported, round.Id, new ChatUser("ben", "Ben"), "Outdated", f.Time.Now, default);
        Assert.Equal([reported], await f.Reports.WithheldAsync("g1", 2, default));

        // Both questions were asked recently, so without the report the picker could reuse either; it must not reuse the withheld one.
        for (var day = 1; day <= 5; day++)
        {
            f.Time.Advance(TimeSpan.FromDays(1));
            var (next, _) = await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
            Assert.NotEqual(reported, next.Question.Id);
            await f.Daily.RevealAsync(f.Group, next, default);
        }

        var open = await f.Reports.OpenAsync("g1", default);
        Assert.Equal(reported, await f.Reports.ResolveAsync("g1", open[0].Id, "Boss", "fixed the key", f.Time.Now, default));
        Assert.Empty(await f.Reports.WithheldAsync("g1", 2, default));
        Assert.Empty(await f.Reports.OpenAsync("g1", default));
    }

    [Fact]
    public async Task ReportButton_OnAnotherGroupsRound_IsRefused()
    {
        using var f = await DailyFixture.CreateAsync();
        var (round, _) = await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        var handler = new ReportButtonHandler(f.Rounds);

        var theirs = await handler.HandleAsync(new ComponentClick(DailyFixture.Member("Eve", "g2"), ReportMessages.ReportButtonId(round.Id), null), default);
        var ours = await handler.HandleAsync(new ComponentClick(DailyFixture.Member("Ana"), ReportMessages.ReportButtonId(round.Id), null), default);

        Assert.Equal("That question is not one of this group's rounds.", Assert.IsType<ReplyResponse>(theirs).Message.Body);
        Assert.Equal("Report this question", Assert.IsType<ModalResponse>(ours).Modal.Title);
    }
}
