namespace StudyBot.Questions.Import;

/// <summary>
/// A question as an importer has pieced it together, before validation. Every importer fills one in
/// and calls <see cref="Build"/>, which reports each rule the draft breaks as a <see cref="BankProblem"/>
/// instead of letting <see cref="Question"/>'s factories throw.
/// </summary>
internal sealed class QuestionDraft
{
    public required int Line { get; init; }

    public string? Id { get; set; }

    public ContentArea Area { get; set; }

    public Difficulty Difficulty { get; set; } = Difficulty.Medium;

    public string Stem { get; set; } = string.Empty;

    /// <summary>Four choices for multiple choice; null for a typed-answer question.</summary>
    public IReadOnlyList<string>? Choices { get; set; }

    public ChoiceLetter? Answer { get; set; }

    /// <summary>The key as the file spelt it, for the message when it is not a letter A-D.</summary>
    public string? RawAnswer { get; set; }

    public IReadOnlyList<string> Accepted { get; set; } = [];

    /// <summary>Null or blank: a generic rationale naming the answer is written.</summary>
    public string? Rationale { get; set; }

    public string? Reference { get; set; }

    public IReadOnlyList<string> Tags { get; set; } = [];

    public string Source { get; set; } = string.Empty;

    /// <summary>Validates the draft. Returns null, with problems added, when anything is wrong.</summary>
    public Question? Build(string file, List<BankProblem> problems)
    {
        var before = problems.Count;
        void Problem(string message) => problems.Add(new BankProblem(file, Line, message));

        var stem = Stem.Trim();
        if (stem.Length == 0)
        {
            Problem("the question text is empty");
        }
        else if (stem.Length > Question.MaxStemLength)
        {
            Problem($"the question text is {stem.Length} characters; at most {Question.MaxStemLength} are allowed");
        }

        if (Id is null || !QuestionId.IsValid(Id))
        {
            Problem($"id '{Id}' must be 3-40 characters of a-z, 0-9 and '-'");
        }

        var tags = Tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        foreach (var tag in tags.Where(t => !IsTag(t)))
        {
            Problem($"tag '{tag}' must be a lower-case word or hyphenated words (a-z, 0-9, '-')");
        }

        var choices = Choices?.Select(c => c.Trim()).ToList();
        var accepted = Accepted.Select(a => a.Trim()).ToList();
        if (choices is not null)
        {
            CheckChoices(choices, Problem);
            if (Answer is null && choices.Count == 4)
            {
                Problem(RawAnswer is { Length: > 0 }
                    ? $"answer '{RawAnswer}' must be one of the letters A, B, C or D"
                    : "no answer is given; it must be one of the letters A, B, C or D");
            }
        }
        else if (accepted.Count == 0)
        {
            Problem("no accepted answer is given");
        }
        else
        {
            foreach (var blank in accepted.Where(a => TypedAnswer.Normalize(a).Length == 0))
            {
                Problem($"accepted answer '{blank}' has no letters or digits, so nothing typed could match it");
            }
        }

        var source = Source.Trim();
        if (source.Length == 0)
        {
            Problem("the source is empty");
        }

        var reference = string.IsNullOrWhiteSpace(Reference) ? null : Reference.Trim();
        if (problems.Count > before)
        {
            return null;
        }

        var rationale = string.IsNullOrWhiteSpace(Rationale)
            ? GenericRationale(choices, Answer, accepted)
            : Rationale.Trim();
        if (rationale.Length > Question.MaxRationaleLength)
        {
            Problem($"the rationale is {rationale.Length} characters; at most {Question.MaxRationaleLength} are allowed");
            return null;
        }

        return choices is not null
            ? Question.MultipleChoice(Id!, Area, Difficulty, stem, choices, Answer!.Value, rationale, reference, tags, source)
            : Question.Typed(Id!, Area, Difficulty, stem, accepted, rationale, reference, tags, source);
    }

    /// <summary>The rationale written for formats that carry none: it names the accepted answer.</summary>
    public static string GenericRationale(IReadOnlyList<string>? choices, ChoiceLetter? answer, IReadOnlyList<string> accepted)
    {
        if (choices is not null && answer is { } key)
        {
            return $"The correct answer is {key}: {choices[key.Index]}.";
        }

        return accepted.Count == 1
            ? $"The accepted answer is {accepted[0]}."
            : $"The accepted answer is {accepted[0]}; also accepted: {string.Join(", ", accepted.Skip(1))}.";
    }

    private static void CheckChoices(List<string> choices, Action<string> problem)
    {
        if (choices.Count != 4)
        {
            problem($"StudyBot questions have exactly four choices (A-D); this one has {choices.Count}");
            return;
        }

        for (var i = 0; i < 4; i++)
        {
            var letter = ChoiceLetter.FromIndex(i);
            if (choices[i].Length == 0)
            {
                problem($"choice {letter} is empty");
            }
            else if (choices[i].Length > Question.MaxChoiceLength)
            {
                problem($"choice {letter} is {choices[i].Length} characters; at most {Question.MaxChoiceLength} are allowed");
            }
        }

        foreach (var group in choices.Select((text, i) => (text, i)).Where(c => c.text.Length > 0).GroupBy(c => c.text, StringComparer.Ordinal))
        {
            if (group.Count() > 1)
            {
                problem($"choices {string.Join(" and ", group.Select(c => ChoiceLetter.FromIndex(c.i)))} are the same ('{group.Key}')");
            }
        }
    }

    private static bool IsTag(string tag) =>
        tag.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && tag[0] != '-' && tag[^1] != '-';
}
