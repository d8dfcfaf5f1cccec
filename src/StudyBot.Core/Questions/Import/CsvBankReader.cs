namespace StudyBot.Questions.Import;

/// <summary>
/// Reads a question bank from CSV with a header row (RFC 4180: comma-separated, double quotes around
/// fields holding commas, quotes or line breaks, "" for a quote).
/// </summary>
/// <remarks>
/// <para>Columns, in any order, names case-insensitive:</para>
/// <list type="bullet">
/// <item><c>stem</c> (required): the question.</item>
/// <item><c>answer</c> (required): for multiple choice the key letter A-D; for a typed-answer question
/// (all of a-d empty) the accepted answers separated by <c>|</c>.</item>
/// <item><c>a</c>, <c>b</c>, <c>c</c>, <c>d</c>: the choices; either all four columns or none. A row
/// with all four empty is a typed-answer question.</item>
/// <item><c>id</c>: the question id (3-40 of a-z, 0-9, '-'). Without the column, or when blank, a
/// stable id is derived from the question text (<see cref="ImportedIds.FromStem"/>).</item>
/// <item><c>area</c>: a content-area key; blank or absent means the reader's default area.</item>
/// <item><c>difficulty</c>: easy, medium or hard; blank or absent means medium.</item>
/// <item><c>rationale</c>: blank or absent means a generic rationale naming the answer.</item>
/// <item><c>reference</c>: optional.</item>
/// <item><c>tags</c>: optional, separated by commas, semicolons or spaces.</item>
/// <item><c>source</c>: blank or absent means "Imported from" and the file name.</item>
/// </list>
/// <para>Any other column name is a problem, so a misspelt header does not silently drop data.</para>
/// </remarks>
/// <param name="defaultArea">The content area of rows that leave <c>area</c> blank.</param>
public sealed class CsvBankReader(ContentArea defaultArea) : IBankFormatReader
{
    /// <summary>The column names this reader knows.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["id", "area", "difficulty", "stem", "a", "b", "c", "d", "answer", "rationale", "reference", "tags", "source"];

    private static readonly string[] ChoiceColumns = ["a", "b", "c", "d"];
    private static readonly string[] RequiredColumns = ["stem", "answer"];
    private static readonly char[] TagSeparators = [',', ';', ' ', '\t'];

    public string FormatName => "csv";

    public IReadOnlyList<string> Extensions { get; } = [".csv"];

    public BankReadResult Read(string fileName, string content)
    {
        var problems = new List<BankProblem>();
        var records = CsvRecords.Parse(fileName, content, problems);
        if (records.Count == 0)
        {
            problems.Add(new BankProblem(fileName, 0, "the file is empty; it needs a header row such as: " + string.Join(",", Columns)));
            return BankReadResult.Failed(problems);
        }

        var header = records[0];
        var columns = ReadHeader(fileName, header, problems);
        if (columns is null)
        {
            return BankReadResult.Failed(problems);
        }

        var questions = new List<Question>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Fields.Count)
            {
                problems.Add(new BankProblem(fileName, record.Line,
                    $"this row has {record.Fields.Count} fields but the header has {header.Fields.Count}"));
                continue;
            }

            var question = ReadRow(fileName, record, columns, problems);
            if (question is null)
            {
                continue;
            }

            if (firstLineOfId.TryGetValue(question.Id, out var firstLine))
            {
                problems.Add(new BankProblem(fileName, record.Line, $"id '{question.Id}' is already used on line {firstLine}"));
                continue;
            }

            firstLineOfId[question.Id] = record.Line;
            questions.Add(question);
        }

        if (problems.Count > 0)
        {
            return BankReadResult.Failed(problems);
        }

        return questions.Count > 0
            ? new BankReadResult(questions, [])
            : BankReadResult.Failed([new BankProblem(fileName, 0, "the file has a header row but no questions")]);
    }

    private static Dictionary<string, int>? ReadHeader(string file, CsvRecord header, List<BankProblem> problems)
    {
        var before = problems.Count;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().ToLowerInvariant();
            if (!Columns.Contains(name))
            {
                problems.Add(new BankProblem(file, header.Line,
                    $"unknown column '{header.Fields[i].Trim()}'; the columns are {string.Join(", ", Columns)}"));
            }
            else if (!columns.TryAdd(name, i))
            {
                problems.Add(new BankProblem(file, header.Line, $"column '{name}' appears twice"));
            }
        }

        foreach (var required in RequiredColumns.Where(r => !columns.ContainsKey(r)))
        {
            problems.Add(new BankProblem(file, header.Line, $"the header has no '{required}' column"));
        }

        var choiceColumns = ChoiceColumns.Count(columns.ContainsKey);
        if (choiceColumns is not (0 or 4))
        {
            problems.Add(new BankProblem(file, header.Line, "the choice columns a, b, c and d must all be present, or none of them"));
        }

        return problems.Count > before ? null : columns;
    }

    private Question? ReadRow(string file, CsvRecord record, Dictionary<string, int> columns, List<BankProblem> problems)
    {
        string Field(string name) => columns.TryGetValue(name, out var index) ? record.Fields[index].Trim() : string.Empty;

        var before = problems.Count;
        void Problem(string message) => problems.Add(new BankProblem(file, record.Line, message));

        var draft = new QuestionDraft { Line = record.Line, Area = defaultArea };
        draft.Stem = Field("stem");
        draft.Id = Field("id") is { Length: > 0 } id ? id : ImportedIds.FromStem(draft.Stem);

        var area = Field("area");
        if (area.Length > 0)
        {
            if (ContentAreas.TryParse(area, out var parsed))
            {
                draft.Area = parsed;
            }
            else
            {
                Problem($"unknown area '{area}'; use one of {ContentAreas.KeyList}");
            }
        }

        var difficulty = Field("difficulty");
        if (difficulty.Length > 0)
        {
            if (DifficultyText.TryParse(difficulty, out var parsed))
            {
                draft.Difficulty = parsed;
            }
            else
            {
                Problem($"unknown difficulty '{difficulty}'; use easy, medium or hard");
            }
        }

        var choices = ChoiceColumns.Select(Field).ToList();
        var answer = Field("answer");
        if (choices.All(c => c.Length == 0))
        {
            draft.Accepted = answer.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }
        else
        {
            draft.Choices = choices;
            draft.RawAnswer = answer;
            if (ChoiceLetter.TryParse(answer, out var letter))
            {
                draft.Answer = letter;
            }
        }

        draft.Rationale = Field("rationale");
        draft.Reference = Field("reference");
        draft.Tags = Field("tags").Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries);
        draft.Source = Field("source") is { Length: > 0 } source ? source : ImportedSource(file);

        if (problems.Count > before)
        {
            // Keep reporting the remaining rules for this row, but never build it.
            draft.Build(file, problems);
            return null;
        }

        return draft.Build(file, problems);
    }

    /// <summary>"Imported from" and the file's name without its folders (either kind of slash, since an
    /// upload from Windows may arrive on Linux).</summary>
    internal static string ImportedSource(string file) => "Imported from " + file[(file.LastIndexOfAny(['/', '\\']) + 1)..];
}
