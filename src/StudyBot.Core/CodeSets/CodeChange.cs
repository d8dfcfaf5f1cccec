namespace StudyBot.CodeSets;

public enum CodeChangeKind
{
    Added,
    Deleted,
    Revised,
}

/// <summary>One line (or, for a revision, pair of lines) of an ICD-10-CM addenda file.</summary>
/// <param name="Code">File form, no dot.</param>
/// <param name="IsHeader">From the order-layout addenda: true for a header, false for a billable code;
/// null from the codes-layout addenda, which lists billable codes only.</param>
/// <param name="ShortDescription">Order layout only.</param>
/// <param name="LongDescription">The description after the change (for a deletion, the one removed).</param>
/// <param name="Line">The line of the record (of "Revise from:" for a revision).</param>
public sealed record CodeChange(
    CodeChangeKind Kind, string Code, bool? IsHeader, string? ShortDescription, string LongDescription, int Line)
{
    public string? PreviousShortDescription { get; init; }

    public string? PreviousLongDescription { get; init; }

    public string DisplayCode => CodeText.Display(CodeSystem.Icd10Cm, Code);
}

/// <summary>The changes in an addenda file, or every problem found (then no changes).</summary>
/// <param name="Release">"ICD-10-CM FY2026": the release the changes lead to.</param>
public sealed record AddendaReadResult(string Release, IReadOnlyList<CodeChange> Changes, IReadOnlyList<CodeFileProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>Billable codes new in this release (from either layout).</summary>
    public IEnumerable<CodeChange> AddedCodes => Changes.Where(c => c.Kind == CodeChangeKind.Added && c.IsHeader != true);
}
