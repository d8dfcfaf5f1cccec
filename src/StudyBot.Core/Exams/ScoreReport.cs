using StudyBot.Questions;

namespace StudyBot.Exams;

/// <summary>Correct answers out of questions asked in one content area.</summary>
public readonly record struct AreaScore(ContentArea Area, int Correct, int Total)
{
    public double Fraction => Total == 0 ? 0 : (double)Correct / Total;
}

/// <summary>A member's scored exam. Unanswered questions count as wrong, as on the real exam.</summary>
/// <param name="Missed">Positions (0-based) of the questions answered wrongly or not at all, in exam order.</param>
public sealed record ScoreReport(int Correct, int Total, bool Passed, double PassMark, IReadOnlyList<AreaScore> Areas, IReadOnlyList<int> Missed)
{
    public double Fraction => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Score in tenths of a percent, for the board's index.</summary>
    public int Permille => Total == 0 ? 0 : (int)Math.Round(1000.0 * Correct / Total, MidpointRounding.AwayFromZero);

    /// <summary>Areas answered below the pass mark: where to study next.</summary>
    public IEnumerable<AreaScore> Weak => Areas.Where(a => a.Fraction < PassMark);

    public static ScoreReport Score(IReadOnlyList<Question> questions, IReadOnlyList<ExamAnswer> answers, double passMark)
    {
        var chosen = answers.Where(a => a.Choice is not null).ToDictionary(a => a.Position, a => a.Choice!.Value);
        var right = new bool[questions.Count];
        for (var i = 0; i < questions.Count; i++)
        {
            right[i] = chosen.TryGetValue(i, out var letter) && letter == questions[i].Answer;
        }

        var correct = right.Count(r => r);
        var areas = questions
            .Select((q, i) => (q.Area, Right: right[i]))
            .GroupBy(x => x.Area)
            .OrderBy(g => g.Key)
            .Select(g => new AreaScore(g.Key, g.Count(x => x.Right), g.Count()))
            .ToList();
        var missed = Enumerable.Range(0, questions.Count).Where(i => !right[i]).ToList();

        // Compared in whole questions: 70 of 100 passes at 0.70 whatever floating point makes of 0.7 * 100.
        var needed = (int)Math.Ceiling((passMark * questions.Count) - 1e-9);
        return new ScoreReport(correct, questions.Count, questions.Count > 0 && correct >= needed, passMark, areas, missed);
    }
}
