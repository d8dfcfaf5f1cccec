namespace StudyBot.Questions;

/// <summary>Loads a bank from a folder of native YAML files (or one file), checking ids across files.</summary>
public static class BankLoader
{
    /// <summary>Reads every .yaml/.yml file under <paramref name="path"/> (or the one file it names).
    /// Returns the bank, or every problem found in every file; a bank with problems is never half-loaded.</summary>
    public static (QuestionBank? Bank, IReadOnlyList<BankProblem> Problems) Load(string path)
    {
        var reader = new YamlBankReader();
        IEnumerable<string> files;
        if (File.Exists(path))
        {
            files = [path];
        }
        else if (Directory.Exists(path))
        {
            files = Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                .Where(f => reader.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .Order(StringComparer.Ordinal);
        }
        else
        {
            return (null, [new BankProblem(path, 0, "no such file or folder")]);
        }

        var problems = new List<BankProblem>();
        var questions = new List<Question>();
        var firstSeenIn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(Directory.Exists(path) ? path : Path.GetDirectoryName(path) ?? ".", file);
            var result = reader.Read(name, File.ReadAllText(file));
            problems.AddRange(result.Problems);
            foreach (var question in result.Questions)
            {
                if (firstSeenIn.TryGetValue(question.Id, out var other))
                {
                    problems.Add(new BankProblem(name, 0, $"id '{question.Id}' is also used in {other}"));
                    continue;
                }

                firstSeenIn[question.Id] = name;
                questions.Add(question);
            }
        }

        if (problems.Count == 0 && questions.Count == 0)
        {
            problems.Add(new BankProblem(path, 0, "no questions found (expected .yaml files with a 'questions:' list)"));
        }

        return problems.Count > 0 ? (null, problems) : (new QuestionBank(questions), []);
    }
}
