namespace StudyBot.Questions.Import;

/// <summary>
/// Reads a bank file or a folder of them in any supported format, for <c>studybot bank validate|import</c>
/// and the chat upload. All or nothing: questions come back only when no file has any problem.
/// </summary>
public static class BankFiles
{
    /// <summary>The format names <c>--format</c> accepts.</summary>
    public static IReadOnlyList<string> FormatNames { get; } = ["yaml", "csv", "gift", "aiken", "red"];

    /// <summary>The readers for every format, giving <paramref name="defaultArea"/> to questions that name no area.</summary>
    public static IReadOnlyList<IBankFormatReader> Readers(ContentArea defaultArea) =>
        [new YamlBankReader(), new CsvBankReader(defaultArea), new GiftBankReader(defaultArea), new AikenBankReader(defaultArea), new RedTriviaBankReader(defaultArea)];

    /// <summary>Reads a file or every bank file under a folder (files of unknown kinds are skipped in a folder).</summary>
    /// <param name="format">A name from <see cref="FormatNames"/>, or null to go by extension and content.</param>
    /// <param name="defaultArea">The area of questions whose file names none; when null such questions are a problem.</param>
    public static BankReadResult Read(string path, string? format, ContentArea? defaultArea) =>
        ReadWithFiles(path, format, defaultArea).Result;

    /// <summary>As <see cref="Read"/>, with the file (relative to a folder) each question came from, by id.</summary>
    public static (BankReadResult Result, IReadOnlyDictionary<string, string> FileOf) ReadWithFiles(string path, string? format, ContentArea? defaultArea)
    {
        if (File.Exists(path))
        {
            return Combine([(Path.GetFileName(path), File.ReadAllText(path))], format, defaultArea, folder: false);
        }

        if (!Directory.Exists(path))
        {
            return (BankReadResult.Failed([new BankProblem(path, 0, "no such file or folder")]), new Dictionary<string, string>());
        }

        var extensions = Readers(ContentArea.Anatomy).SelectMany(r => r.Extensions).Append(".gift").ToHashSet(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(path, f), File.ReadAllText(f)))
            .ToList();
        return files.Count == 0
            ? (BankReadResult.Failed([new BankProblem(path, 0, "no bank files in this folder (.yaml, .yml, .csv, .gift, .txt, .aiken)")]), new Dictionary<string, string>())
            : Combine(files, format, defaultArea, folder: true);
    }

    /// <summary>Reads one file's content (an upload in chat), named <paramref name="fileName"/> in messages.</summary>
    public static BankReadResult ReadContent(string fileName, string content, string? format, ContentArea? defaultArea) =>
        Combine([(fileName, content)], format, defaultArea, folder: false).Result;

    private static (BankReadResult Result, IReadOnlyDictionary<string, string> FileOf) Combine(
        IReadOnlyList<(string Name, string Content)> files, string? format, ContentArea? defaultArea, bool folder)
    {
        var firstSeenIn = new Dictionary<string, string>(StringComparer.Ordinal);
        if (format is not null && !FormatNames.Contains(format.Trim().ToLowerInvariant()))
        {
            return (BankReadResult.Failed([new BankProblem(files[0].Name, 0, $"unknown format '{format}'; use one of {string.Join(", ", FormatNames)}")]), firstSeenIn);
        }

        var problems = new List<BankProblem>();
        var questions = new List<Question>();
        foreach (var (name, content) in files)
        {
            var result = ReadOne(name, content, format, defaultArea);
            problems.AddRange(result.Problems);
            foreach (var question in result.Questions)
            {
                if (firstSeenIn.TryGetValue(question.Id, out var other))
                {
                    problems.Add(new BankProblem(name, 0, other == name
                        ? $"id '{question.Id}' is used by two questions"
                        : $"id '{question.Id}' is also used in {other}"));
                    continue;
                }

                firstSeenIn[question.Id] = name;
                questions.Add(question);
            }
        }

        if (problems.Count == 0 && questions.Count == 0)
        {
            problems.Add(new BankProblem(folder ? "." : files[0].Name, 0, "no questions found"));
        }

        return (problems.Count > 0 ? BankReadResult.Failed(problems) : new BankReadResult(questions, []), firstSeenIn);
    }

    private static BankReadResult ReadOne(string name, string content, string? format, ContentArea? defaultArea)
    {
        // Without a default area, read with two different ones: a question whose area changes took the
        // default, so its file names no area and the import must not guess one.
        var first = Choose(name, content, format, defaultArea ?? ContentArea.Anatomy);
        if (first is null)
        {
            return BankReadResult.Failed([new BankProblem(name, 0,
                $"not a bank file StudyBot knows by its extension; give --format ({string.Join(", ", FormatNames)})")]);
        }

        var result = first.Read(name, content);
        if (defaultArea is not null || !result.IsValid || first is YamlBankReader)
        {
            return result;
        }

        var second = Choose(name, content, format, ContentArea.Compliance)!.Read(name, content);
        var unplaced = result.Questions.Zip(second.Questions).Count(pair => pair.First.Area != pair.Second.Area);
        return unplaced == 0
            ? result
            : BankReadResult.Failed([new BankProblem(name, 0,
                $"{unplaced} question(s) name no content area; give the area for them (--area, or area: in chat), one of {ContentAreas.KeyList}")]);
    }

    private static IBankFormatReader? Choose(string name, string content, string? format, ContentArea area) =>
        BankFormatDetector.Choose(Readers(area), name, content, format);
}
