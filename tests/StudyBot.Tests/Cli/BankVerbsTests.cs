using Microsoft.Extensions.Options;
using StudyBot.Data;
using StudyBot.Data.Stores;
using StudyBot.Questions;
using StudyBot.Questions.Import;
using StudyBot.Tests.Shared;

namespace StudyBot.Tests.Cli;

public sealed class BankVerbsTests : IDisposable
{
    private const string GoodCsv = """
        id,area,stem,a,b,c,d,answer,rationale
        dm-001,icd-10-cm,Type 2 diabetes with hyperglycemia?,E11.9,E11.65,E13.9,E10.65,B,E11.65 names the hyperglycemia.
        dm-002,icd-10-cm,Type the code for type 2 diabetes without complications.,,,,,E11.9|E119,E11.9 is the code.
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("studybot-cli").FullName;

    private string Database => Path.Combine(folder, "data", "studybot.db");

    [Fact]
    public async Task Validate_BadCsv_ListsEveryProblemAsFileAndLine_ExitsOne()
    {
        var file = Write("bad.csv", """
            id,area,stem,a,b,c,d,answer
            ok-001,anatomy,Which chamber pumps blood to the body?,Left ventricle,Right ventricle,Left atrium,Right atrium,A
            bad-002,anatomy,Which bone is the kneecap?,Patella,Femur,Tibia,Fibula,E
            bad-003,nowhere,Which organ makes insulin?,Pancreas,Liver,Spleen,Kidney,A
            """);

        var (code, output, _) = await CliRun.RunAsync("bank", "validate", file);

        Assert.Equal(1, code);
        Assert.Contains("bad.csv:3:", output, StringComparison.Ordinal);
        Assert.Contains("bad.csv:4:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("bad.csv:2:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_GoodFolder_ExitsZeroWithTheCount()
    {
        Write("bank/dm.csv", GoodCsv);

        var (code, output, _) = await CliRun.RunAsync("bank", "validate", Path.Combine(folder, "bank"));

        Assert.Equal(0, code);
        Assert.Contains("2 questions, no problems", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bank", "validate", "x.csv", "--colour", "red")]
    [InlineData("bank", "validate")]
    [InlineData("bank", "import", "x.csv", "--area")]
    [InlineData("bank", "frobnicate")]
    [InlineData("codes", "import")]
    public async Task BadCommandLine_SaysWhatIsWrong_ExitsTwo(params string[] args)
    {
        var (code, _, errors) = await CliRun.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains("Usage:", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WithCodes_ListsUnknownAndNonBillableCodesWithFileAndLine()
    {
        var file = Write("codes.yaml", """
            version: 1
            questions:
              - id: icd-901
                area: icd-10-cm
                difficulty: easy
                stem: Type 2 diabetes mellitus, no complications.
                choices: { A: E11.9, B: E11, C: E13.9, D: E10.9 }
                answer: B
                rationale: E11 is the category.
                source: test
              - id: icd-902
                area: icd-10-cm
                difficulty: easy
                stem: Cholera, unspecified.
                choices: { A: A00.9, B: A00.0, C: A00.1, D: Q99.99 }
                answer: A
                rationale: A00.9 is cholera, unspecified.
                source: test
            """);

        var (code, output, _) = await CliRun.RunAsync(
            "bank", "validate", file, "--codes", Path.Combine(RepoPaths.SharedData, "codesets", "icd10cm_order_2026.txt"));

        Assert.Equal(1, code);
        Assert.Contains("codes.yaml:7: icd-901: the correct answer (choice B) is E11, which is a header", output, StringComparison.Ordinal);
        Assert.Contains("codes.yaml:15: icd-902: choice D names Q99.99, which is not a code in ICD-10-CM FY2026", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BadFile_IsRejectedWhole_AndChangesNothingStored()
    {
        await CliRun.RunAsync("bank", "import", Write("good.csv", GoodCsv), "--group", "g1", "--database", Database);
        var bad = Write("bad.csv", GoodCsv.Replace("E10.65,B,", "E10.65,Z,", StringComparison.Ordinal) + "\nnew-003,icd-10-cm,A new question?,A1,B1,C1,D1,A,Why.\n");

        var (code, _, errors) = await CliRun.RunAsync("bank", "import", bad, "--group", "g1", "--database", Database);

        Assert.Equal(1, code);
        Assert.Contains("bad.csv:2:", errors, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", errors, StringComparison.Ordinal);
        var stored = await Store().ListAsync(BankOwner.Group("g1"), CancellationToken.None);
        Assert.Equal(["dm-001", "dm-002"], stored.Select(q => q.Id));
        Assert.Equal(ChoiceLetter.FromIndex(1), stored[0].Answer);
    }

    [Fact]
    public async Task Import_MissingFile_ExitsOne_AndCreatesNoDatabase()
    {
        var (code, _, errors) = await CliRun.RunAsync("bank", "import", Path.Combine(folder, "none.csv"), "--database", Database);

        Assert.Equal(1, code);
        Assert.Contains("no such file or folder", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
    }

    [Fact]
    public async Task Import_SameFileAgain_UpdatesInPlace()
    {
        var file = Write("dm.csv", GoodCsv);
        await CliRun.RunAsync("bank", "import", file, "--database", Database);
        File.WriteAllText(file, GoodCsv.Replace("names the hyperglycemia", "reports the hyperglycemia", StringComparison.Ordinal));

        var (code, output, _) = await CliRun.RunAsync("bank", "import", file, "--database", Database);

        Assert.Equal(0, code);
        Assert.Contains("0 new, 2 updated", output, StringComparison.Ordinal);
        var stored = await Store().ListAsync(BankOwner.Shared, CancellationToken.None);
        Assert.Equal(2, stored.Count);
        Assert.Equal("E11.65 reports the hyperglycemia.", stored[0].Rationale);
    }

    [Fact]
    public async Task Import_WithoutIdsTwice_KeepsOneCopy()
    {
        var file = Write("q.aiken", "Which code is cholera, unspecified?\nA. A00.9\nB. A00.0\nC. A00.1\nD. A01.00\nANSWER: A\n");
        await CliRun.RunAsync("bank", "import", file, "--area", "icd-10-cm", "--database", Database);

        var (_, output, _) = await CliRun.RunAsync("bank", "import", file, "--area", "icd-10-cm", "--database", Database);

        Assert.Contains("0 new, 1 updated", output, StringComparison.Ordinal);
        Assert.Single(await Store().ListAsync(BankOwner.Shared, CancellationToken.None));
    }

    [Fact]
    public async Task Export_ThenImportElsewhere_GivesBackTheSameQuestions()
    {
        var gift = Write("q.gift", """
            ::cholera:: Which code is cholera, unspecified? {=A00.9 ~A00.0 ~A00.1 ~A01.00 #Right: A00.9 is unspecified.}

            ::typed:: Type the code for type 2 diabetes without complications. {=E11.9 =E119}
            """);
        await CliRun.RunAsync("bank", "import", gift, "--area", "icd-10-cm", "--group", "g1", "--database", Database);
        var original = await Store().ListAsync(BankOwner.Group("g1"), CancellationToken.None);

        var (code, _, _) = await CliRun.RunAsync("bank", "export", Path.Combine(folder, "out"), "--group", "g1", "--database", Database);
        var second = Path.Combine(folder, "second.db");
        await CliRun.RunAsync("bank", "import", Path.Combine(folder, "out"), "--group", "g2", "--database", second);

        Assert.Equal(0, code);
        var reread = BankFiles.Read(Path.Combine(folder, "out"), null, null);
        Assert.Equal(original.Select(QuestionJson.Serialize), reread.Questions.OrderBy(q => q.Id, StringComparer.Ordinal).Select(QuestionJson.Serialize));
        var imported = await new SqliteImportedBankStore(Db(second), TimeProvider.System).ListAsync(BankOwner.Group("g2"), CancellationToken.None);
        Assert.Equal(original.Select(QuestionJson.Serialize), imported.Select(QuestionJson.Serialize));
    }

    [Fact]
    public async Task Export_EmptyBank_ExitsOne()
    {
        var (code, _, errors) = await CliRun.RunAsync("bank", "export", Path.Combine(folder, "out.yaml"), "--database", Database);

        Assert.Equal(1, code);
        Assert.Contains("Nothing to export", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "out.yaml")));
    }

    [Fact]
    public async Task BuiltProgram_ValidateVerb_ExitCodesAndOutput()
    {
        var good = Write("good.csv", GoodCsv);
        var bad = Write("bad.csv", "stem,answer\n,\n");

        var ok = await RunProgramAsync("bank", "validate", good);
        var failed = await RunProgramAsync("bank", "validate", bad);

        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("2 questions, no problems", ok.Output, StringComparison.Ordinal);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("bad.csv:2:", failed.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static SqliteDatabase Db(string path) => new(Options.Create(new DatabaseOptions { Path = path }));

    private SqliteImportedBankStore Store() => new(Db(Database), TimeProvider.System);

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int ExitCode, string Output)> RunProgramAsync(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "studybot.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
