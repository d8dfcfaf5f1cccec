namespace StudyBot.CodeSets;

/// <summary>
/// One release of an official code set, with the lookups drills and the bank check need. Codes are
/// looked up with or without their dot and in any case ("e11.9" finds E119).
/// </summary>
/// <remarks>
/// <para>Family: for ICD-10-CM the parent of a code is the longest shorter code in the set that starts
/// the same way (E1165's parent is E116, E116's is E11); siblings share a parent; the category is the
/// first three characters. For HCPCS Level II, which has no hierarchy, siblings and category are the codes
/// sharing the first three characters (E1130 with E1140), and all modifiers are one family.</para>
/// </remarks>
public sealed class CodeSet
{
    private readonly CodeEntry[] entries;
    // Plain dictionaries: a FrozenDictionary's build costs more than it saves over one release's lookups.
    private readonly Dictionary<string, int> indexByCode;
    private readonly int[] parents;
    private readonly List<int>[] children;
    private readonly Dictionary<string, List<int>> families;
    private readonly Dictionary<List<int>, CodeEntry[]> views = new(ReferenceEqualityComparer.Instance);

    public CodeSet(CodeSystem system, string release, IEnumerable<CodeEntry> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(release);
        System = system;
        Release = release;
        this.entries = [.. entries];
        indexByCode = new Dictionary<string, int>(this.entries.Length, StringComparer.Ordinal);
        families = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var familyLookup = families.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < this.entries.Length; i++)
        {
            if (this.entries[i].System != system)
            {
                throw new ArgumentException($"{this.entries[i].Code} is not a {system} code.", nameof(entries));
            }

            if (!indexByCode.TryAdd(this.entries[i].Code, i))
            {
                throw new ArgumentException($"Code {this.entries[i].Code} appears more than once.", nameof(entries));
            }

            var key = FamilyKey(i);
            if (!familyLookup.TryGetValue(key, out var family))
            {
                family = [];
                familyLookup[key] = family;
            }

            family.Add(i);
        }

        var codeLookup = indexByCode.GetAlternateLookup<ReadOnlySpan<char>>();
        parents = new int[this.entries.Length];
        children = new List<int>[this.entries.Length];
        for (var i = 0; i < this.entries.Length; i++)
        {
            parents[i] = system == CodeSystem.Icd10Cm ? FindParent(this.entries[i].Code, codeLookup) : -1;
            if (parents[i] >= 0)
            {
                (children[parents[i]] ??= []).Add(i);
            }
        }

        BillableCount = this.entries.Count(e => e.IsBillable);
    }

    public CodeSystem System { get; }

    /// <summary>What release this is, for people: "ICD-10-CM FY2026", "HCPCS Level II October 2025".</summary>
    public string Release { get; }

    /// <summary>Every entry in file order: codes, headers, modifiers, discontinued codes.</summary>
    public IReadOnlyList<CodeEntry> Entries => entries;

    public int Count => entries.Length;

    public int BillableCount { get; }

    public CodeEntry? Find(string code) =>
        indexByCode.TryGetValue(CodeText.Normalize(code), out var i) ? entries[i] : null;

    /// <summary>True for any code in the release: billable, header, modifier or discontinued.</summary>
    public bool Exists(string code) => Find(code) is not null;

    /// <summary>True when the code may be reported on a claim (see <see cref="CodeEntry.IsBillable"/>).</summary>
    public bool IsBillable(string code) => Find(code)?.IsBillable == true;

    /// <summary>The official long description, or null for an unknown code.</summary>
    public string? Description(string code) => Find(code)?.LongDescription;

    /// <summary>ICD-10-CM: the header directly above the code. Null at category level and for HCPCS.</summary>
    public CodeEntry? Parent(string code) =>
        indexByCode.TryGetValue(CodeText.Normalize(code), out var i) && parents[i] >= 0 ? entries[parents[i]] : null;

    /// <summary>ICD-10-CM: the codes directly below a header, in Tabular order.</summary>
    public IReadOnlyList<CodeEntry> Children(string code) =>
        indexByCode.TryGetValue(CodeText.Normalize(code), out var i) && children[i] is { } list
            ? [.. list.Select(c => entries[c])]
            : [];

    /// <summary>
    /// The other codes of the same family, in file order: for ICD-10-CM the other children of the same
    /// parent; for HCPCS the codes that share the first three characters (or the other modifiers).
    /// </summary>
    public IReadOnlyList<CodeEntry> Siblings(string code)
    {
        if (!indexByCode.TryGetValue(CodeText.Normalize(code), out var i))
        {
            return [];
        }

        IEnumerable<int> family = System == CodeSystem.Icd10Cm
            ? parents[i] >= 0 ? children[parents[i]] : []
            : families.GetAlternateLookup<ReadOnlySpan<char>>()[FamilyKey(i)];
        return [.. family.Where(s => s != i).Select(s => entries[s])];
    }

    /// <summary>Every code of the category (ICD-10-CM: first three characters, the header included;
    /// HCPCS: the same as the family), in file order.</summary>
    public IReadOnlyList<CodeEntry> Category(string code)
    {
        var normalized = CodeText.Normalize(code);
        if (!indexByCode.TryGetValue(normalized, out var i))
        {
            return [];
        }

        return [.. families.GetAlternateLookup<ReadOnlySpan<char>>()[FamilyKey(i)].Select(c => entries[c])];
    }

    /// <summary>The key's family (siblings and the key itself) without copying, for drill generation.</summary>
    internal IReadOnlyList<CodeEntry> FamilyView(CodeEntry entry)
    {
        var i = indexByCode[entry.Code];
        return System == CodeSystem.Icd10Cm
            ? parents[i] >= 0 ? View(children[parents[i]]) : []
            : View(families.GetAlternateLookup<ReadOnlySpan<char>>()[FamilyKey(i)]);
    }

    /// <summary>The key's category (the key included) without copying, for drill generation.</summary>
    internal IReadOnlyList<CodeEntry> CategoryView(CodeEntry entry) =>
        View(families.GetAlternateLookup<ReadOnlySpan<char>>()[FamilyKey(indexByCode[entry.Code])]);

    private CodeEntry[] View(List<int> indices)
    {
        // Built on first use and kept; a CodeSet is read-only after construction. Locked because drills may
        // be generated from several threads.
        lock (views)
        {
            if (!views.TryGetValue(indices, out var view))
            {
                view = [.. indices.Select(i => entries[i])];
                views[indices] = view;
            }

            return view;
        }
    }

    private ReadOnlySpan<char> FamilyKey(int i)
    {
        var entry = entries[i];
        return entry.IsModifier ? "modifier" : entry.Code.AsSpan(0, Math.Min(3, entry.Code.Length));
    }

    private static int FindParent(string code, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> index)
    {
        for (var length = code.Length - 1; length >= 3; length--)
        {
            if (index.TryGetValue(code.AsSpan(0, length), out var parent))
            {
                return parent;
            }
        }

        return -1;
    }
}
