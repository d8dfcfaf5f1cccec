using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using StudyBot.Questions;

namespace StudyBot.CodeSets;

/// <summary>The kinds of drill <see cref="CodeDrills"/> writes.</summary>
[Flags]
public enum DrillKinds
{
    None = 0,

    /// <summary>"What does E11.9 describe?" with four official descriptions. Id suffix "-desc".</summary>
    CodeToDescription = 1,

    /// <summary>"Which code is 'Type 2 diabetes mellitus without complications'?" with four codes. Id suffix "-code".</summary>
    DescriptionToCode = 2,

    /// <summary>The same, answered by typing the code. Id suffix "-typed".</summary>
    TypedCode = 4,

    /// <summary>ICD-10-CM: one billable code among three headers of its category. Id suffix "-billable".</summary>
    WhichIsBillable = 8,

    /// <summary>ICD-10-CM: which code is new in this release, from the addenda. Id suffix "-new".</summary>
    NewThisYear = 16,

    All = CodeToDescription | DescriptionToCode | TypedCode | WhichIsBillable | NewThisYear,
}

/// <summary>
/// Writes code-lookup drills from an official code set: ordinary <see cref="Question"/>s with
/// deterministic ids ("drill-icd-e119-desc"), in the icd-10-cm or hcpcs-level-ii area, with rationales
/// quoted from the official (public-domain) descriptions.
/// </summary>
/// <remarks>
/// <para>Distractors are codes of the same family (<see cref="CodeSet.Siblings"/>), then of the same
/// category, nearest in file order first, so they are the codes a coder would really confuse. They are
/// never the key and never repeat a code or a description. A drill that cannot get three such
/// distractors, or whose texts would break the bank's length limits, is not written (the method returns
/// null) rather than padded with easy ones.</para>
/// <para>Headers and discontinued codes are never the correct answer. Only the key's position among A-D
/// varies, and it is derived from the code, so the same release always gives the same drills.</para>
/// </remarks>
public sealed partial class CodeDrills
{
    private readonly CodeSet codes;
    private readonly HashSet<string> addedThisRelease;
    private readonly AddendaReadResult? addenda;

    /// <param name="addenda">The release's addenda, for "new this year" drills; optional.</param>
    public CodeDrills(CodeSet codes, AddendaReadResult? addenda = null)
    {
        ArgumentNullException.ThrowIfNull(codes);
        this.codes = codes;
        this.addenda = addenda;
        addedThisRelease = addenda is null
            ? []
            : [.. addenda.Changes.Where(c => c.Kind == CodeChangeKind.Added).Select(c => c.Code)];
    }

    private string SystemName => codes.System == CodeSystem.Icd10Cm ? "ICD-10-CM" : "HCPCS Level II";

    private string IdPrefix => codes.System == CodeSystem.Icd10Cm ? "drill-icd-" : "drill-hcpcs-";

    private ContentArea Area => codes.System == CodeSystem.Icd10Cm ? ContentArea.Icd10Cm : ContentArea.HcpcsLevelII;

    private string Source => $"{codes.Release} official code set (public domain)";

    /// <summary>Every drill of the given kinds the code set allows, lazily, in file order.</summary>
    public IEnumerable<Question> Generate(DrillKinds kinds = DrillKinds.All)
    {
        foreach (var entry in codes.Entries)
        {
            if (kinds.HasFlag(DrillKinds.CodeToDescription) && CodeToDescription(entry.Code) is { } desc)
            {
                yield return desc;
            }

            if (kinds.HasFlag(DrillKinds.DescriptionToCode) && DescriptionToCode(entry.Code) is { } code)
            {
                yield return code;
            }

            if (kinds.HasFlag(DrillKinds.TypedCode) && TypedCode(entry.Code) is { } typed)
            {
                yield return typed;
            }

            if (kinds.HasFlag(DrillKinds.WhichIsBillable) && entry.Code.Length == 3 && WhichIsBillable(entry.Code) is { } billable)
            {
                yield return billable;
            }
        }

        if (kinds.HasFlag(DrillKinds.NewThisYear) && addenda is not null)
        {
            foreach (var added in addenda.AddedCodes)
            {
                if (NewThisYear(added.Code) is { } fresh)
                {
                    yield return fresh;
                }
            }
        }
    }

    /// <summary>True for an id of the form every drill has ("drill-icd-e119-desc"), whatever the release.</summary>
    public static bool IsDrillId(string id) => id?.StartsWith("drill-", StringComparison.Ordinal) == true;

    /// <summary>
    /// The drill with this id, written again from the code set: ids are deterministic, so a drill served
    /// yesterday comes back the same while the release is the same. Null when the id is not one of this
    /// set's drills, or the release no longer allows it (the code became a header or was discontinued).
    /// </summary>
    public Question? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!id.StartsWith(IdPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = id[IdPrefix.Length..];
        var dash = rest.LastIndexOf('-');
        if (dash <= 0)
        {
            return null;
        }

        var code = rest[..dash];
        var drill = rest[(dash + 1)..] switch
        {
            "desc" => CodeToDescription(code),
            "code" => DescriptionToCode(code),
            "typed" => TypedCode(code),
            "billable" => WhichIsBillable(code),
            "new" => NewThisYear(code),
            _ => null,
        };

        // "drill-icd-E119-desc" finds E119 too, but it is not an id this class ever wrote.
        return drill?.Id == id ? drill : null;
    }

    /// <summary>"What does E11.9 describe?" or null when the code cannot be a key or lacks distractors.</summary>
    public Question? CodeToDescription(string code)
    {
        if (KeyEntry(code) is not { } key)
        {
            return null;
        }

        var distractors = Distractors(key, _ => true);
        if (distractors.Count < 3)
        {
            return null;
        }

        var all = distractors.Prepend(key).ToList();
        var useLong = all.All(e => e.LongDescription.Length <= Question.MaxChoiceLength);
        var texts = all.Select(e => useLong ? e.LongDescription : e.ShortDescription).ToList();
        if (texts.Distinct(StringComparer.Ordinal).Count() != 4 || texts.Any(t => t.Length > Question.MaxChoiceLength))
        {
            return null;
        }

        var stem = key.IsModifier
            ? $"What does {SystemName} modifier {key.DisplayCode} mean?"
            : $"What does {SystemName} code {key.DisplayCode} describe?";
        return MultipleChoice(key, "desc", Difficulty.Medium, stem, all, e => useLong ? e.LongDescription : e.ShortDescription, ["drill", "code-to-description"]);
    }

    /// <summary>"Which code is '...'?" with four codes of one family, or null.</summary>
    public Question? DescriptionToCode(string code)
    {
        if (KeyEntry(code) is not { } key)
        {
            return null;
        }

        var stem = key.IsModifier
            ? $"Which {SystemName} modifier means: {key.LongDescription}"
            : $"Which {SystemName} code is: {key.LongDescription}";
        var distractors = Distractors(key, _ => true);
        if (distractors.Count < 3 || stem.Length > Question.MaxStemLength)
        {
            return null;
        }

        return MultipleChoice(key, "code", Difficulty.Hard, stem, [.. distractors.Prepend(key)], e => e.DisplayCode, ["drill", "description-to-code"]);
    }

    /// <summary>"Type the code for: ..." accepting the code with or without its dot, or null.</summary>
    public Question? TypedCode(string code)
    {
        if (KeyEntry(code) is not { } key)
        {
            return null;
        }

        var stem = key.IsModifier
            ? $"Type the {SystemName} modifier for: {key.LongDescription}"
            : $"Type the {SystemName} code for: {key.LongDescription}";
        var rationale = $"{key.DisplayCode} is \"{key.LongDescription}\" in {codes.Release}.{HeaderNote(key)}";
        if (stem.Length > Question.MaxStemLength || rationale.Length > Question.MaxRationaleLength)
        {
            return null;
        }

        return Question.Typed(
            Id(key, "typed"), Area, Difficulty.Hard, stem, [key.DisplayCode], rationale, Reference(key), ["drill", "typed-code"], Source);
    }

    /// <summary>
    /// ICD-10-CM: "Which of these codes is billable?" for a category (three-character code): its first
    /// billable code below subcategory level against three headers of the same category, nearest first
    /// and the key's own parent always among them. Null when the category has fewer than three headers.
    /// </summary>
    public Question? WhichIsBillable(string category)
    {
        if (codes.System != CodeSystem.Icd10Cm || codes.Find(category) is not { IsHeader: true } header || header.Code.Length != 3)
        {
            return null;
        }

        var members = codes.Category(header.Code);
        var key = members.FirstOrDefault(e => e.IsBillable && e.Code.Length >= 5 && codes.Parent(e.Code) is { IsHeader: true })
            ?? members.FirstOrDefault(e => e.IsBillable);
        if (key is null)
        {
            return null;
        }

        var parent = codes.Parent(key.Code);
        var headers = members.Where(e => e.IsHeader && e != parent)
            .OrderBy(e => Math.Abs(e.Order - key.Order)).ThenBy(e => e.Order)
            .Prepend(parent).OfType<CodeEntry>()
            .Take(3).ToList();
        if (headers.Count < 3)
        {
            return null;
        }

        var choices = Arrange(key, headers);
        var rationale = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{key.DisplayCode} is a billable code: \"{key.LongDescription}\". ")
            .Append(string.Join(" ", headers.OrderBy(h => h.Order).Select(h =>
                $"{h.DisplayCode} is a header (\"{h.ShortDescription}\"): it has more specific codes below it{Example(h)}, so it cannot be reported.")))
            .Append(" Report codes at their highest number of characters available.")
            .ToString();
        var stem = $"Which of these {SystemName} codes is valid for reporting (billable) in {codes.Release}?";
        return Build(Id(header, "billable"), Difficulty.Medium, stem, choices, key, e => e.DisplayCode, rationale,
            "ICD-10-CM Official Guidelines I.B.2 (level of detail in coding)", ["drill", "billable-codes"]);
    }

    /// <summary>
    /// ICD-10-CM: "Which of these codes was added in this release?" for a code the addenda list as added:
    /// the code against three codes of its family that the addenda do not add. Null when the code is
    /// not an added billable code of this set or lacks such neighbours.
    /// </summary>
    public Question? NewThisYear(string code)
    {
        if (codes.System != CodeSystem.Icd10Cm || KeyEntry(code) is not { } key || !addedThisRelease.Contains(key.Code))
        {
            return null;
        }

        var distractors = Distractors(key, e => !addedThisRelease.Contains(e.Code));
        if (distractors.Count < 3)
        {
            return null;
        }

        var effective = FiscalYear().Match(codes.Release) is { Success: true } fy
            ? $" (effective October 1, {int.Parse(fy.Groups["year"].Value, CultureInfo.InvariantCulture) - 1})"
            : string.Empty;
        var stem = $"Which of these {SystemName} codes is new in {codes.Release}{effective}?";
        var choices = Arrange(key, distractors);
        var rationale = $"{key.DisplayCode} \"{key.LongDescription}\" was added in the {codes.Release} addenda{effective}. "
            + string.Join(" ", distractors.Select(d => $"{d.DisplayCode} (\"{d.ShortDescription}\") was already in the code set."));
        if (rationale.Length > Question.MaxRationaleLength)
        {
            return null;
        }

        return Build(Id(key, "new"), Difficulty.Medium, stem, choices, key, e => $"{e.DisplayCode} {e.ShortDescription}", rationale,
            $"{codes.Release} addenda", ["drill", "new-codes"]);
    }

    /// <summary>A code that may be a correct answer: known, not a header, not discontinued.</summary>
    private CodeEntry? KeyEntry(string code) =>
        codes.Find(code) is { IsHeader: false, IsDiscontinued: false } entry ? entry : null;

    /// <summary>Up to three codes a coder could confuse with the key: family first, then category, nearest first.</summary>
    private List<CodeEntry> Distractors(CodeEntry key, Func<CodeEntry, bool> allowed)
    {
        var chosen = new List<CodeEntry>(3);
        var seenLong = new HashSet<string>(StringComparer.Ordinal) { key.LongDescription };
        var seenShort = new HashSet<string>(StringComparer.Ordinal) { key.ShortDescription };
        foreach (var tier in new[] { codes.FamilyView(key), codes.CategoryView(key) })
        {
            foreach (var candidate in NearestFirst(tier, key.Order))
            {
                if (chosen.Count == 3)
                {
                    return chosen;
                }

                if (candidate.Code != key.Code && !candidate.IsHeader && !candidate.IsDiscontinued
                    && candidate.IsModifier == key.IsModifier && allowed(candidate) && !chosen.Contains(candidate)
                    && seenLong.Add(candidate.LongDescription) && seenShort.Add(candidate.ShortDescription))
                {
                    chosen.Add(candidate);
                }
            }
        }

        return chosen;
    }

    /// <summary>
    /// The entries of a list in file order, nearest to <paramref name="order"/> first (the earlier one on
    /// a tie). Walks out from the key's position instead of sorting, because a category such as S72 holds
    /// thousands of codes and a release has tens of thousands of keys.
    /// </summary>
    private static IEnumerable<CodeEntry> NearestFirst(IReadOnlyList<CodeEntry> list, int order)
    {
        int low = 0, high = list.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (list[middle].Order < order)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var left = low - 1;
        var right = low;
        while (left >= 0 || right < list.Count)
        {
            if (right >= list.Count || (left >= 0 && order - list[left].Order <= list[right].Order - order))
            {
                yield return list[left--];
            }
            else
            {
                yield return list[right++];
            }
        }
    }

    private Question? MultipleChoice(
        CodeEntry key, string kind, Difficulty difficulty, string stem, List<CodeEntry> keyAndDistractors,
        Func<CodeEntry, string> text, IReadOnlyList<string> tags)
    {
        var distractors = keyAndDistractors.Skip(1).ToList();
        var choices = Arrange(key, distractors);
        var rationale = Explain(key, distractors, e => e.LongDescription);
        if (rationale.Length > Question.MaxRationaleLength)
        {
            rationale = Explain(key, distractors, e => e.ShortDescription);
        }

        return rationale.Length > Question.MaxRationaleLength
            ? null
            : Build(Id(key, kind), difficulty, stem, choices, key, text, rationale, Reference(key), tags);
    }

    private string Explain(CodeEntry key, List<CodeEntry> distractors, Func<CodeEntry, string> description) =>
        $"{key.DisplayCode} is \"{key.LongDescription}\" ({codes.Release}).{HeaderNote(key)} The other choices are from the same code family: "
        + string.Join("; ", distractors.OrderBy(d => d.Order).Select(d => $"{d.DisplayCode} is \"{description(d)}\"")) + ".";

    private string Example(CodeEntry header) =>
        codes.Children(header.Code) is [var first, ..] ? $", such as {first.DisplayCode}" : string.Empty;

    private string HeaderNote(CodeEntry key) =>
        codes.Parent(key.Code) is { } parent ? $" It sits under {parent.DisplayCode} \"{parent.ShortDescription}\"." : string.Empty;

    private Question Build(
        string id, Difficulty difficulty, string stem, List<CodeEntry> choices, CodeEntry key, Func<CodeEntry, string> text,
        string rationale, string reference, IReadOnlyList<string> tags) =>
        Question.MultipleChoice(
            id, Area, difficulty, stem, [.. choices.Select(text)], ChoiceLetter.FromIndex(choices.IndexOf(key)),
            rationale, reference, tags, Source);

    /// <summary>The key at a position derived from its code, the distractors in file order around it.</summary>
    private static List<CodeEntry> Arrange(CodeEntry key, IReadOnlyList<CodeEntry> distractors)
    {
        var list = distractors.OrderBy(d => d.Order).ToList();
        uint hash = 2166136261;
        foreach (var c in key.Code)
        {
            hash = (hash ^ c) * 16777619;
        }

        list.Insert((int)(hash % 4), key);
        return list;
    }

    private string Id(CodeEntry entry, string kind) => $"{IdPrefix}{entry.Code.ToLowerInvariant()}-{kind}";

    private string Reference(CodeEntry entry) => codes.System == CodeSystem.Icd10Cm
        ? $"ICD-10-CM Tabular List, category {entry.Code[..3]}"
        : $"{codes.Release}, {(entry.IsModifier ? "modifier" : "code")} {entry.Code}";

    [GeneratedRegex("FY(?<year>20[0-9]{2})", RegexOptions.CultureInvariant)]
    private static partial Regex FiscalYear();
}
