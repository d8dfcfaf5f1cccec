namespace StudyBot.Questions;

/// <summary>One thing wrong with a bank file, at a line a person can go to.</summary>
/// <param name="File">The file name as the user gave it.</param>
/// <param name="Line">1-based line number; 0 when the problem concerns the whole file.</param>
/// <param name="Message">What is wrong and, where it helps, what to write instead.</param>
public sealed record BankProblem(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>The result of reading one bank file: the questions, or every problem found.
/// A file with any problem is rejected whole: callers import nothing from it.</summary>
public sealed record BankReadResult(IReadOnlyList<Question> Questions, IReadOnlyList<BankProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;

    public static BankReadResult Failed(IReadOnlyList<BankProblem> problems) => new([], problems);
}

/// <summary>A question-bank file format (native YAML, CSV, GIFT, Aiken, Red-DiscordBot trivia).</summary>
public interface IBankFormatReader
{
    /// <summary>Short name used on the command line: "yaml", "csv", "gift", "aiken", "red".</summary>
    string FormatName { get; }

    /// <summary>File extensions this format is recognised by, lower case with the dot.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>Reads a whole file. Never throws for bad content: every problem is reported in the result.</summary>
    BankReadResult Read(string fileName, string content);
}
