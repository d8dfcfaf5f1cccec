namespace StudyBot.Questions.Import;

/// <summary>Difficulty as it is spelt in bank files: easy, medium, hard.</summary>
public static class DifficultyText
{
    public static string Key(this Difficulty difficulty) => difficulty switch
    {
        Difficulty.Easy => "easy",
        Difficulty.Medium => "medium",
        Difficulty.Hard => "hard",
        _ => throw new ArgumentOutOfRangeException(nameof(difficulty)),
    };

    public static bool TryParse(string? text, out Difficulty difficulty)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "easy":
                difficulty = Difficulty.Easy;
                return true;
            case "medium":
                difficulty = Difficulty.Medium;
                return true;
            case "hard":
                difficulty = Difficulty.Hard;
                return true;
            default:
                difficulty = default;
                return false;
        }
    }
}
