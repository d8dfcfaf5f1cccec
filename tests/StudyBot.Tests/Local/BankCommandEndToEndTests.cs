namespace StudyBot.Tests.Local;

public sealed class BankCommandEndToEndTests
{
    [Fact]
    public async Task BankImport_OnTheLocalChannel_ImportsIntoTheGroupsBank_AllOrNothing()
    {
        var (folder, bank, database) = LocalSession.Workspace();
        var good = Path.Combine(folder, "cardio.csv");
        File.WriteAllText(good, "stem,a,b,c,d,answer\nWhich chamber receives blood from the lungs?,Left atrium,Right atrium,Left ventricle,Right ventricle,A\n");
        var bad = Path.Combine(folder, "broken.csv");
        File.WriteAllText(bad, "stem,a,b,c,d,answer\nWhich valve guards the aorta?,Aortic,Mitral,Tricuspid,Pulmonary,F\n");

        var output = await LocalSession.RunInProcessAsync(
            $"/bank import file:{bad} area:anatomy\n/bank import file:{good} area:anatomy\n/bank import file:{good} area:anatomy\n/bank show\n",
            $"--Bank:Path={bank}", $"--Database:Path={database}");

        Assert.Contains("Nothing imported: broken.csv has 1 problem(s)", output, StringComparison.Ordinal);
        Assert.Contains("broken.csv:2:", output, StringComparison.Ordinal);
        Assert.Contains("Imported 1 questions from cardio.csv: 1 new, 0 updated.", output, StringComparison.Ordinal);
        Assert.Contains("Imported 1 questions from cardio.csv: 0 new, 1 updated.", output, StringComparison.Ordinal);
        Assert.Contains("Anatomy (anatomy): 2, 1 of this group's own", output, StringComparison.Ordinal);
        Assert.Contains("Total: 2 (1 shipped, 0 shared imports, 1 this group's own)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetupDrills_IsStoredWithTheGroup()
    {
        var (_, bank, database) = LocalSession.Workspace();
        string[] args = [$"--Bank:Path={bank}", $"--Database:Path={database}"];

        var first = await LocalSession.RunInProcessAsync("/setup drills maybe\n/setup drills on\n", args);
        var second = await LocalSession.RunInProcessAsync("/setup show\n", args);

        Assert.Contains("Code drills are on", first, StringComparison.Ordinal);
        Assert.Contains("Code drills: on", second, StringComparison.Ordinal);
    }
}
