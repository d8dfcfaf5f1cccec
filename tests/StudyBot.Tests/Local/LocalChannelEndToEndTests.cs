namespace StudyBot.Tests.Local;

public sealed class LocalChannelEndToEndTests
{
    private const string ThreeMembers = """
        /daily
        /as Ana
        /answer B
        /as Ben
        /answer A
        /answer B
        /as Cy
        /click B
        /leaderboard all
        /reveal
        /leaderboard all
        /quit
        """;

    [Fact]
    public async Task PipedSession_ThreeMembersAnswerAndReveal_LeaderboardOrdersByPoints()
    {
        var (folder, bank, database) = LocalSession.Workspace();

        var (exitCode, output, errors) = await LocalSession.RunProcessAsync(ThreeMembers + "\n", new Dictionary<string, string>
        {
            ["STUDYBOT_BANK__PATH"] = bank,
            ["STUDYBOT_DATABASE__PATH"] = database,
        });

        Assert.True(exitCode == 0, errors);
        var lines = output.Split('\n');
        Assert.StartsWith("StudyBot local channel: no Discord token is set", lines[0], StringComparison.Ordinal);
        Assert.Contains("You already answered A; your first answer counts.", output, StringComparison.Ordinal);

        // Before the reveal the all-time board is empty; after it, Ana and Cy share first place.
        var beforeReveal = output[..output.IndexOf("Answer revealed ·", StringComparison.Ordinal)];
        Assert.Contains("No points yet.", beforeReveal, StringComparison.Ordinal);
        Assert.DoesNotContain("Got it right", beforeReveal, StringComparison.Ordinal);

        var afterReveal = output[output.IndexOf("Answer revealed ·", StringComparison.Ordinal)..];
        Assert.Contains("Answer: B. Left ventricle", afterReveal, StringComparison.Ordinal);
        Assert.Contains("How the group answered: A: 1 · B: 2 · C: 0 · D: 0 (3 answers)", afterReveal, StringComparison.Ordinal);
        Assert.Contains("Got it right: Ana, Cy", afterReveal, StringComparison.Ordinal);
        var board = afterReveal[afterReveal.LastIndexOf("Leaderboard · all time", StringComparison.Ordinal)..];
        var ana = board.IndexOf("1. Ana — 1 point (1/1 right)", StringComparison.Ordinal);
        var cy = board.IndexOf("1. Cy — 1 point (1/1 right)", StringComparison.Ordinal);
        var ben = board.IndexOf("3. Ben — 0 points (0/1 right)", StringComparison.Ordinal);
        Assert.True(ana > 0 && cy > ana && ben > cy, board);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Restart_KeepsRoundsAnswersAndBoards()
    {
        var (folder, bank, database) = LocalSession.Workspace();
        string[] args = [$"--Bank:Path={bank}", $"--Database:Path={database}"];

        await LocalSession.RunInProcessAsync("/daily\n/as Ana\n/answer B\n", args);
        var second = await LocalSession.RunInProcessAsync("/as Ana\n/answer C\n/reveal\n/stats\n", args);

        Assert.Contains("You already answered B; your first answer counts.", second, StringComparison.Ordinal);
        Assert.Contains("All time: 1/1 right (100%), 1 point, place 1.", second, StringComparison.Ordinal);
        Assert.Contains("Daily-question streak: 1 day in a row (best 1).", second, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task UnknownCommandsAndBadValues_GetHelpfulRepliesAndTheSessionGoesOn()
    {
        var (folder, bank, database) = LocalSession.Workspace();

        var output = await LocalSession.RunInProcessAsync(
            "hello\n/dance\n/leaderboard monthly\n/answer B\n/click A\n/daily\n/answer Z\n/help\n",
            $"--Bank:Path={bank}", $"--Database:Path={database}");

        Assert.Contains("(Commands start with /. Type /help for the list.)", output, StringComparison.Ordinal);
        Assert.Contains("I don't know /dance. Type /help to see what I can do.", output, StringComparison.Ordinal);
        Assert.Contains("There is no 'monthly' board. Use `week`, `lastweek`, `all` or `area`.", output, StringComparison.Ordinal);
        Assert.Contains("There is no open question right now.", output, StringComparison.Ordinal);
        Assert.Contains("There is no button 'A' to click on the latest message.", output, StringComparison.Ordinal);
        Assert.Contains("Answer with one letter: A, B, C or D", output, StringComparison.Ordinal);
        Assert.Contains("/leaderboard — Show the group's leaderboard", output, StringComparison.Ordinal);
        Assert.Contains("Local-only commands: /as <name>", output, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Setup_OnTheLocalChannel_ConfiguresTheLocalGroupAndSurvivesRestart()
    {
        var (folder, bank, database) = LocalSession.Workspace();
        string[] args = [$"--Bank:Path={bank}", $"--Database:Path={database}"];

        var first = await LocalSession.RunInProcessAsync("/setup timezone Mars/Base\n/setup timezone America/Chicago\n/setup daily 07:30 +8\n", args);
        var second = await LocalSession.RunInProcessAsync("/setup show\n", args);

        Assert.Contains("'Mars/Base' is not a time zone I know.", first, StringComparison.Ordinal);
        Assert.Contains("Time zone: America/Chicago", second, StringComparison.Ordinal);
        Assert.Contains("Daily question: 07:30, revealed at 15:30", second, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ReportButton_OnTheLocalChannel_AsksForTheReasonAndAdminsSeeIt()
    {
        var (folder, bank, database) = LocalSession.Workspace();

        var output = await LocalSession.RunInProcessAsync(
            "/daily\n/reveal\n/as Ana\n/click Report question\nThe key should be C\n/reports list\n",
            $"--Bank:Path={bank}", $"--Database:Path={database}");

        Assert.Contains("(Report this question) What is wrong with it?", output, StringComparison.Ordinal);
        Assert.Contains("Thanks: your report is with the group's admins", output, StringComparison.Ordinal);
        Assert.Contains("#1 Ana: The key should be C", output, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
