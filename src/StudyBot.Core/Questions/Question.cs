using System.Collections.Frozen;

namespace StudyBot.Questions;

public enum Difficulty
{
    Easy,
    Medium,
    Hard,
}

/// <summary>A choice letter, A to D.</summary>
public readonly record struct ChoiceLetter
{
    public static readonly IReadOnlyList<ChoiceLetter> All = [new('A'), new('B'), new('C'), new('D')];

    private ChoiceLetter(char value) => Value = value;

    public char Value { get; }

    public int Index => Value - 'A';

    public static bool TryParse(string? text, out ChoiceLetter letter)
    {
        var trimmed = text?.Trim();
        if (trimmed is { Length: 1 } && char.ToUpperInvariant(trimmed[0]) is >= 'A' and <= 'D' and var c)
        {
            letter = new ChoiceLetter(c);
            return true;
        }

        letter = default;
        return false;
    }

    public static ChoiceLetter FromIndex(int index) =>
        index is >= 0 and < 4 ? new ChoiceLetter((char)('A' + index)) : throw new ArgumentOutOfRangeException(nameof(index));

    public override string ToString() => Value.ToString();
}

/// <summary>
/// One exam-style question. Either multiple choice (four choices and a key letter) or typed-answer
/// (a list of accepted answers). Construct through <see cref="MultipleChoice"/> or <see cref="Typed"/>,
/// which validate; an invalid question cannot exist.
/// </summary>
public sealed record Question
{
    public const int MaxStemLength = 1000;
    public const int MaxChoiceLength = 200;
    public const int MaxRationaleLength = 1500;

    private Question(
        string id,
        ContentArea area,
        Difficulty difficulty,
        string stem,
        IReadOnlyList<string> choices,
        ChoiceLetter? answer,
        IReadOnlyList<string> accepted,
        string rationale,
        string? reference,
        IReadOnlyList<string> tags,
        string source)
    {
        Id = id;
        Area = area;
        Difficulty = difficulty;
        Stem = stem;
        Choices = choices;
        Answer = answer;
        AcceptedAnswers = accepted;
        Rationale = rationale;
        Reference = reference;
        Tags = tags;
        Source = source;
    }

    public string Id { get; }

    public ContentArea Area { get; }

    public Difficulty Difficulty { get; }

    public string Stem { get; }

    /// <summary>Texts of choices A-D; empty for typed-answer questions.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>The key letter; null for typed-answer questions.</summary>
    public ChoiceLetter? Answer { get; }

    /// <summary>Accepted typed answers; empty for multiple-choice questions.</summary>
    public IReadOnlyList<string> AcceptedAnswers { get; }

    public string Rationale { get; }

    public string? Reference { get; }

    public IReadOnlyList<string> Tags { get; }

    public string Source { get; }

    public bool IsTyped => Answer is null;

    /// <summary>The correct answer as a person reads it: "B. E11.65" or "E11.9".</summary>
    public string AnswerText => Answer is { } key ? $"{key}. {Choices[key.Index]}" : AcceptedAnswers[0];

    public static Question MultipleChoice(
        string id, ContentArea area, Difficulty difficulty, string stem, IReadOnlyList<string> choices, ChoiceLetter answer,
        string rationale, string? reference, IReadOnlyList<string> tags, string source)
    {
        ValidateCommon(id, stem, rationale, source);
        if (choices.Count != 4 || choices.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A multiple-choice question needs four non-empty choices.", nameof(choices));
        }

        if (choices.Distinct(StringComparer.Ordinal).Count() != 4)
        {
            throw new ArgumentException("The four choices must all be different.", nameof(choices));
        }

        return new Question(id, area, difficulty, stem, [.. choices], answer, [], rationale, reference, [.. tags], source);
    }

    public static Question Typed(
        string id, ContentArea area, Difficulty difficulty, string stem, IReadOnlyList<string> accepted,
        string rationale, string? reference, IReadOnlyList<string> tags, string source)
    {
        ValidateCommon(id, stem, rationale, source);
        if (accepted.Count == 0 || accepted.Any(a => TypedAnswer.Normalize(a).Length == 0))
        {
            throw new ArgumentException("A typed-answer question needs at least one accepted answer with letters or digits.", nameof(accepted));
        }

        return new Question(id, area, difficulty, stem, [], null, [.. accepted], rationale, reference, [.. tags], source);
    }

    /// <summary>True when a typed answer matches one of the accepted answers.</summary>
    public bool Accepts(string typed) =>
        !IsTyped ? ChoiceLetter.TryParse(typed, out var letter) && letter == Answer
                 : AcceptedAnswers.Any(a => TypedAnswer.Matches(a, typed));

    private static void ValidateCommon(string id, string stem, string rationale, string source)
    {
        if (!QuestionId.IsValid(id))
        {
            throw new ArgumentException($"Question id '{id}' must be 3-40 characters of a-z, 0-9 and '-'.", nameof(id));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(stem);
        ArgumentException.ThrowIfNullOrWhiteSpace(rationale);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
    }
}

/// <summary>Rules for question ids.</summary>
public static class QuestionId
{
    public static bool IsValid(string? id) =>
        id is { Length: >= 3 and <= 40 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}

/// <summary>Matching of typed answers: case, spaces and punctuation do not count, so E11.9 = e119.</summary>
public static class TypedAnswer
{
    public static string Normalize(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit)).ToUpperInvariant();

    public static bool Matches(string accepted, string typed)
    {
        var expected = Normalize(accepted);
        return expected.Length > 0 && expected == Normalize(typed);
    }
}

/// <summary>A validated, immutable set of questions with unique ids.</summary>
public sealed class QuestionBank
{
    private readonly FrozenDictionary<string, Question> byId;

    public QuestionBank(IEnumerable<Question> questions)
    {
        var list = questions.ToList();
        var duplicate = list.GroupBy(q => q.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Question id '{duplicate.Key}' appears more than once.", nameof(questions));
        }

        Questions = list;
        byId = list.ToFrozenDictionary(q => q.Id);
        ByArea = list.GroupBy(q => q.Area).ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<Question>)[.. g]);
    }

    public IReadOnlyList<Question> Questions { get; }

    public IReadOnlyDictionary<ContentArea, IReadOnlyList<Question>> ByArea { get; }

    public int Count => Questions.Count;

    public Question? Find(string id) => byId.GetValueOrDefault(id);
}
