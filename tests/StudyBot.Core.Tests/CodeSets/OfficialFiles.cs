using StudyBot.CodeSets;

namespace StudyBot.Core.Tests.CodeSets;

/// <summary>
/// The CMS release files in ../shared/data/codesets (next to the repository root, found by walking up
/// to StudyBot.sln). Each is read once per test run and shared, because the order file is 14 MB.
/// </summary>
internal static class OfficialFiles
{
    private static readonly Lazy<string> Folder = new(FindFolder);
    private static readonly Lazy<CodeSetReadResult> IcdOrder = new(() => Icd10CmFiles.ReadFile(Path("icd10cm_order_2026.txt")));
    private static readonly Lazy<CodeSetReadResult> HcpcsOctober = new(() => HcpcsFiles.ReadFile(Path("HCPC2025_OCT_ANWEB.xlsx")));

    public static CodeSetReadResult IcdOrderResult => IcdOrder.Value;

    public static CodeSet Icd10Cm2026 => IcdOrder.Value.CodeSet ?? throw new InvalidOperationException(string.Join('\n', IcdOrder.Value.Problems));

    public static CodeSetReadResult HcpcsOctoberResult => HcpcsOctober.Value;

    public static CodeSet HcpcsOctober2025 => HcpcsOctober.Value.CodeSet ?? throw new InvalidOperationException(string.Join('\n', HcpcsOctober.Value.Problems));

    public static string Path(string name) => System.IO.Path.Combine(Folder.Value, name);

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "StudyBot.sln")))
            {
                var folder = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data", "codesets"));
                return Directory.Exists(folder) ? folder : throw new DirectoryNotFoundException($"The code-set files are expected in {folder}.");
            }
        }

        throw new DirectoryNotFoundException("StudyBot.sln not found above " + AppContext.BaseDirectory);
    }
}
