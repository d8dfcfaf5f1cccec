namespace StudyBot.CodeSets;

/// <summary>One imported release file, as <c>studybot codes import</c> recorded it.</summary>
/// <param name="Kind">The file kind (<see cref="CodeFileKind"/>).</param>
/// <param name="Name">The release, e.g. "ICD-10-CM FY2026".</param>
/// <param name="FileName">The file the admin imported.</param>
/// <param name="Codes">Entries stored (codes, headers, modifiers); for addenda, the codes added.</param>
/// <param name="Excluded">Entries left out (HCPCS dental D-codes).</param>
public sealed record CodeRelease(
    long Id,
    CodeSystem System,
    CodeFileKind Kind,
    string Name,
    string FileName,
    int Codes,
    int Billable,
    int Headers,
    int Modifiers,
    int Discontinued,
    int Excluded,
    DateTimeOffset ImportedAt)
{
    public override string ToString() => Kind == CodeFileKind.Icd10CmAddenda
        ? $"{Name} addenda from {FileName}: {Codes} codes added"
        : $"{Name} from {FileName}: {Codes} entries ({Billable} billable, {Headers} headers, {Modifiers} modifiers, {Discontinued} discontinued"
          + (Excluded > 0 ? $", {Excluded} dental codes left out" : string.Empty) + ")";
}

/// <summary>The current official code sets, kept in the database by <c>studybot codes import</c>.</summary>
public interface ICodeSetStore
{
    /// <summary>Replaces the system's code set with <paramref name="codes"/> and records the release, in one transaction.</summary>
    Task<CodeRelease> SaveCodeSetAsync(CodeSet codes, CodeFileKind kind, string fileName, int excluded, CancellationToken cancellationToken);

    /// <summary>Replaces the codes the latest addenda add, and records the release, in one transaction.</summary>
    Task<CodeRelease> SaveAdditionsAsync(AddendaReadResult addenda, string fileName, CancellationToken cancellationToken);

    /// <summary>Every recorded import, oldest first.</summary>
    Task<IReadOnlyList<CodeRelease>> ReleasesAsync(CancellationToken cancellationToken);

    /// <summary>The id of the newest release of any kind, or 0: a cheap check whether cached sets are stale.</summary>
    Task<long> LatestReleaseIdAsync(CancellationToken cancellationToken);

    /// <summary>The system's current code set, or null when none was imported.</summary>
    Task<CodeSet?> LoadAsync(CodeSystem system, CancellationToken cancellationToken);

    /// <summary>The codes the latest addenda added (ICD-10-CM), empty when none were imported.</summary>
    Task<IReadOnlyList<string>> AdditionsAsync(CodeSystem system, CancellationToken cancellationToken);
}
