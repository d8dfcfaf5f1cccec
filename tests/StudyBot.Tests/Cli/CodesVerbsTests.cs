using Microsoft.Extensions.Options;
using StudyBot.CodeSets;
using StudyBot.Data;
using StudyBot.Data.Stores;
using StudyBot.Tests.Shared;

namespace StudyBot.Tests.Cli;

public sealed class CodesVerbsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("studybot-codes").FullName;

    private string Database => Path.Combine(folder, "studybot.db");

    private SqliteCodeSetStore Store => new(new SqliteDatabase(Options.Create(new DatabaseOptions { Path = Database })), TimeProvider.System);

    private static string Official(string name) => Path.Combine(RepoPaths.SharedData, "codesets", name);

    [Fact]
    public async Task Import_OfficialFiles_StoresTheSetsAndRecordsEachRelease()
    {
        var icd = await CliRun.RunAsync("codes", "import", Official("icd10cm_order_2026.txt"), "--database", Database);
        var hcpcs = await CliRun.RunAsync("codes", "import", Official("HCPC2025_OCT_ANWEB.xlsx"), "--database", Database);
        var addenda = await CliRun.RunAsync("codes", "import", Official("icd10cm_order_addenda_2026.txt"), "--database", Database);

        Assert.Equal((0, 0, 0), (icd.ExitCode, hcpcs.ExitCode, addenda.ExitCode));
        Assert.Contains("ICD-10-CM FY2026 from icd10cm_order_2026.txt: 98186 entries (74719 billable, 23467 headers", icd.Output, StringComparison.Ordinal);
        var releases = await Store.ReleasesAsync(CancellationToken.None);
        Assert.Equal(3, releases.Count);
        var (order, workbook, changes) = (releases[0], releases[1], releases[2]);
        Assert.Equal((CodeSystem.Icd10Cm, CodeFileKind.Icd10CmOrder, "icd10cm_order_2026.txt"), (order.System, order.Kind, order.FileName));
        Assert.Equal((74_719, 23_467), (order.Billable, order.Headers));
        Assert.Equal((CodeSystem.HcpcsLevelII, 8_846, 383, 1_225), (workbook.System, workbook.Codes, workbook.Modifiers, workbook.Discontinued));
        Assert.Equal(CodeFileKind.Icd10CmAddenda, changes.Kind);
        Assert.True(changes.Codes > 0);
        Assert.True(order.ImportedAt > DateTimeOffset.UtcNow.AddMinutes(-5));

        var stored = await Store.LoadAsync(CodeSystem.Icd10Cm, CancellationToken.None);
        Assert.Equal((98_186, 74_719), (stored!.Count, stored.BillableCount));
        Assert.True(stored.IsBillable("E11.9"));
        Assert.False(stored.IsBillable("E11"));
        Assert.NotEmpty(await Store.AdditionsAsync(CodeSystem.Icd10Cm, CancellationToken.None));
    }

    [Fact]
    public async Task Import_AgainAfterABadFile_KeepsTheStoredSetAndRecordsNothing()
    {
        var hcpcs = Official("HCPC2025_OCT_ANWEB.xlsx");
        await CliRun.RunAsync("codes", "import", hcpcs, "--database", Database);
        var bad = Path.Combine(folder, "notes.txt");
        File.WriteAllText(bad, "these are my notes, not a CMS file\n");

        var (code, _, errors) = await CliRun.RunAsync("codes", "import", bad, "--database", Database);

        Assert.Equal(1, code);
        Assert.Contains("notes.txt:1: not a CMS file StudyBot knows", errors, StringComparison.Ordinal);
        Assert.Single(await Store.ReleasesAsync(CancellationToken.None));
        Assert.Equal(8_846, (await Store.LoadAsync(CodeSystem.HcpcsLevelII, CancellationToken.None))!.Count);
    }

    [Fact]
    public async Task Import_MissingFile_ExitsOne()
    {
        var (code, _, errors) = await CliRun.RunAsync("codes", "import", Path.Combine(folder, "missing.txt"), "--database", Database);

        Assert.Equal(1, code);
        Assert.Contains("no such file", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
