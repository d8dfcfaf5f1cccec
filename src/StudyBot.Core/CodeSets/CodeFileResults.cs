namespace StudyBot.CodeSets;

/// <summary>One thing wrong with an official release file, at a line (or spreadsheet row) a person can go to.</summary>
/// <param name="Line">1-based line, or row for a spreadsheet; 0 when the problem concerns the whole file.</param>
public sealed record CodeFileProblem(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>A code set read from a release file, or every problem found. A file with problems gives no code set.</summary>
public sealed record CodeSetReadResult(CodeSet? CodeSet, IReadOnlyList<CodeFileProblem> Problems)
{
    public bool IsValid => CodeSet is not null && Problems.Count == 0;

    /// <summary>HCPCS: dental (D) codes that were skipped (CDT is the ADA's copyright).</summary>
    public int ExcludedDentalCodes { get; init; }
}

/// <summary>
/// Collects problems in a release file. A file of the wrong kind would give one problem per line, so after
/// <see cref="Limit"/> problems the rest are counted, not listed.
/// </summary>
internal sealed class CodeFileProblems(string file)
{
    public const int Limit = 50;

    private readonly List<CodeFileProblem> list = [];
    private int dropped;

    public int Count => list.Count + dropped;

    public void Add(int line, string message)
    {
        if (list.Count < Limit)
        {
            list.Add(new CodeFileProblem(file, line, message));
        }
        else
        {
            dropped++;
        }
    }

    public IReadOnlyList<CodeFileProblem> ToList() =>
        dropped == 0 ? [.. list] : [.. list, new CodeFileProblem(file, 0, $"and {dropped} more problems; is this the right file?")];
}
