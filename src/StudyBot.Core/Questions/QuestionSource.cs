using StudyBot.CodeSets;
using StudyBot.Daily;
using StudyBot.Groups;

namespace StudyBot.Questions;

/// <summary>
/// The questions a group draws from: the shipped bank, then the shared imported bank, then the group's
/// own questions (a later one replaces an earlier one with the same id, so a group can correct a
/// question for itself), then, when the group has drills on and code sets were imported, a handful of
/// generated code drills.
/// </summary>
/// <remarks>
/// A release holds tens of thousands of drillable codes; adding them all would drown the written
/// questions of their area. Instead <see cref="DrillsPerSystem"/> drills per code system join the pool,
/// a different handful each day (seeded by group and UTC date), so drills are a steady minority of the
/// ICD-10-CM and HCPCS picks.
/// </remarks>
public sealed class QuestionSource(QuestionBank shipped, IImportedBankStore imported, ICodeSetStore codeSets, TimeProvider time) : IQuestionSource, IDisposable
{
    public const int DrillsPerSystem = 12;

    private readonly SemaphoreSlim loading = new(1, 1);
    private (long ReleaseId, IReadOnlyList<(CodeSet Codes, CodeDrills Drills)> Sets)? cached;

    public async Task<IReadOnlyList<Question>> QuestionsForAsync(StudyGroup group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        var byId = new Dictionary<string, Question>(StringComparer.Ordinal);
        foreach (var question in shipped.Questions
            .Concat(await imported.ListAsync(BankOwner.Shared, cancellationToken))
            .Concat(await imported.ListAsync(BankOwner.Group(group.Id), cancellationToken)))
        {
            byId[question.Id] = question;
        }

        if (group.Drills)
        {
            foreach (var drill in await DrillsForAsync(group, cancellationToken))
            {
                byId.TryAdd(drill.Id, drill);
            }
        }

        return [.. byId.Values];
    }

    public async Task<Question?> FindAsync(StudyGroup group, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(id);
        foreach (var owner in new[] { BankOwner.Group(group.Id), BankOwner.Shared })
        {
            if ((await imported.ListAsync(owner, cancellationToken)).FirstOrDefault(q => q.Id == id) is { } own)
            {
                return own;
            }
        }

        if (shipped.Find(id) is { } question)
        {
            return question;
        }

        if (CodeDrills.IsDrillId(id))
        {
            foreach (var (_, drills) in await CodeSetsAsync(cancellationToken))
            {
                if (drills.Find(id) is { } drill)
                {
                    return drill;
                }
            }
        }

        return null;
    }

    /// <summary>Today's drills for the group: up to <see cref="DrillsPerSystem"/> per imported code set.</summary>
    public async Task<IReadOnlyList<Question>> DrillsForAsync(StudyGroup group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        var sets = await CodeSetsAsync(cancellationToken);
        var seed = QuestionPicker.StableHash($"{group.Id}/{time.GetUtcNow():yyyy-MM-dd}/drills");
        var drills = new List<Question>();
        foreach (var (codes, generator) in sets)
        {
            var random = new Random(seed);
            var keys = codes.Entries.Where(e => e.IsBillable).ToList();
            var made = 0;
            for (var attempt = 0; attempt < DrillsPerSystem * 8 && made < DrillsPerSystem && keys.Count > 0; attempt++)
            {
                var code = keys[random.Next(keys.Count)].Code;
                var drill = (attempt % 4) switch
                {
                    0 => generator.CodeToDescription(code),
                    1 => generator.DescriptionToCode(code),
                    2 => generator.TypedCode(code),
                    _ => codes.System == CodeSystem.Icd10Cm ? generator.WhichIsBillable(code[..3]) : generator.CodeToDescription(code),
                };
                if (drill is not null && drills.All(d => d.Id != drill.Id))
                {
                    drills.Add(drill);
                    made++;
                }
            }
        }

        return drills;
    }

    public void Dispose() => loading.Dispose();

    private async Task<IReadOnlyList<(CodeSet Codes, CodeDrills Drills)>> CodeSetsAsync(CancellationToken cancellationToken)
    {
        var latest = await codeSets.LatestReleaseIdAsync(cancellationToken);
        if (cached is { } hit && hit.ReleaseId == latest)
        {
            return hit.Sets;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } again && again.ReleaseId == latest)
            {
                return again.Sets;
            }

            var sets = new List<(CodeSet, CodeDrills)>();
            foreach (var system in Enum.GetValues<CodeSystem>())
            {
                if (await codeSets.LoadAsync(system, cancellationToken) is not { } codes)
                {
                    continue;
                }

                var added = await codeSets.AdditionsAsync(system, cancellationToken);
                var addenda = added.Count == 0
                    ? null
                    : new AddendaReadResult(codes.Release, [.. added.Select(c => new CodeChange(CodeChangeKind.Added, c, false, null, codes.Description(c) ?? c, 0))], []);
                sets.Add((codes, new CodeDrills(codes, addenda)));
            }

            cached = (latest, sets);
            return sets;
        }
        finally
        {
            loading.Release();
        }
    }
}
