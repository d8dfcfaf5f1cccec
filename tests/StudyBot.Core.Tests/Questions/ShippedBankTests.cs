using StudyBot.Questions;
using StudyBot.Tests.Shared;

namespace StudyBot.Core.Tests.Questions;

public sealed class ShippedBankTests
{
    private static readonly (QuestionBank? Bank, IReadOnlyList<BankProblem> Problems) Loaded =
        BankLoader.Load(Path.Combine(RepoPaths.Config, "bank"));

    [Fact]
    public void ShippedBank_LoadsWithoutProblems()
    {
        Assert.True(Loaded.Problems.Count == 0, string.Join("\n", Loaded.Problems));
    }

    [Fact]
    public void ShippedBank_HasAtLeast60QuestionsOverAtLeast12Areas()
    {
        var bank = Loaded.Bank!;
        Assert.True(bank.Count >= 60, $"{bank.Count} questions");
        Assert.True(bank.ByArea.Count >= 12, $"{bank.ByArea.Count} areas");
    }

    [Fact]
    public void ShippedBank_KeysAreSpreadOverTheLetters()
    {
        // A bank whose key is nearly always the same letter teaches guessing, not coding.
        var keyed = Loaded.Bank!.Questions.Where(q => !q.IsTyped).ToList();
        foreach (var letter in ChoiceLetter.All)
        {
            var share = keyed.Count(q => q.Answer == letter) / (double)keyed.Count;
            Assert.InRange(share, 0.10, 0.40);
        }
    }

    [Fact]
    public void LoadFolder_SameIdInTwoFiles_NamesBothFiles()
    {
        var folder = Directory.CreateTempSubdirectory("bank").FullName;
        var question = """
            version: 1
            questions:
              - id: dup-001
                area: anatomy
                difficulty: easy
                stem: Which chamber pumps blood to the body?
                choices: { A: Left ventricle, B: Right ventricle, C: Left atrium, D: Right atrium }
                answer: A
                rationale: The left ventricle pumps oxygenated blood into the aorta.
                source: test
            """;
        File.WriteAllText(Path.Combine(folder, "a.yaml"), question);
        File.WriteAllText(Path.Combine(folder, "b.yaml"), question);

        var (bank, problems) = BankLoader.Load(folder);

        Assert.Null(bank);
        Assert.Equal("b.yaml: id 'dup-001' is also used in a.yaml", Assert.Single(problems).ToString());
    }

    [Fact]
    public void Load_MissingPath_SaysSo()
    {
        var (bank, problems) = BankLoader.Load("/no/such/bank");

        Assert.Null(bank);
        Assert.Equal("/no/such/bank: no such file or folder", Assert.Single(problems).ToString());
    }
}
