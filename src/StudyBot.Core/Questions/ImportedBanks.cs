using StudyBot.Groups;

namespace StudyBot.Questions;

/// <summary>Which imported bank: a group's own, or the shared one every group draws from.</summary>
public readonly record struct BankOwner
{
    private BankOwner(string? groupId) => GroupId = groupId;

    /// <summary>The bank <c>studybot bank import</c> fills when no group is named.</summary>
    public static BankOwner Shared { get; } = new(null);

    /// <summary>The group, or null for the shared imported bank.</summary>
    public string? GroupId { get; }

    public static BankOwner Group(string groupId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        return new BankOwner(groupId.Trim());
    }

    public override string ToString() => GroupId is null ? "the shared imported bank" : $"group {GroupId}'s bank";
}

/// <summary>How an import changed a bank.</summary>
public readonly record struct BankImportCounts(int Added, int Updated)
{
    public int Total => Added + Updated;
}

/// <summary>Where imported questions are kept.</summary>
public interface IImportedBankStore
{
    /// <summary>Adds the questions, replacing those with the same id, all in one transaction.</summary>
    Task<BankImportCounts> SaveAsync(BankOwner owner, IReadOnlyList<Question> questions, string sourceFile, CancellationToken cancellationToken);

    /// <summary>The bank's questions, ordered by id.</summary>
    Task<IReadOnlyList<Question>> ListAsync(BankOwner owner, CancellationToken cancellationToken);
}

/// <summary>The questions a group's picks draw from.</summary>
public interface IQuestionSource
{
    /// <summary>The shipped bank, the shared imported bank and the group's own questions (a later one
    /// replaces an earlier one with the same id), plus code drills when the group has them on.</summary>
    Task<IReadOnlyList<Question>> QuestionsForAsync(StudyGroup group, CancellationToken cancellationToken);

    /// <summary>
    /// The question with this id as the group sees it (its own copy first, then the shared one, then the
    /// shipped one), or a code drill written again from its id, on any day and whether or not the group
    /// still has drills on, so a practice session stored earlier can finish. Null when no such question
    /// exists any more.
    /// </summary>
    Task<Question?> FindAsync(StudyGroup group, string id, CancellationToken cancellationToken);
}
