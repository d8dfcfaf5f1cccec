using System.Text.Json;
using System.Text.Json.Serialization;

namespace StudyBot.Questions;

/// <summary>JSON snapshots of questions, kept with rounds and attempts so a later bank edit never changes
/// the key of a question members already answered.</summary>
public static class QuestionJson
{
    public static string Serialize(Question question) => JsonSerializer.Serialize(
        new QuestionSnapshot(
            question.Id, question.Area.Key(), question.Difficulty.ToString().ToLowerInvariant(), question.Stem, question.Choices,
            question.Answer?.ToString(), question.AcceptedAnswers, question.Rationale, question.Reference, question.Tags, question.Source),
        QuestionJsonContext.Default.QuestionSnapshot);

    public static Question Deserialize(string json)
    {
        var s = JsonSerializer.Deserialize(json, QuestionJsonContext.Default.QuestionSnapshot)
            ?? throw new JsonException("Empty question snapshot.");
        if (!ContentAreas.TryParse(s.Area, out var area) || !Enum.TryParse<Difficulty>(s.Difficulty, ignoreCase: true, out var difficulty))
        {
            throw new JsonException($"Question snapshot '{s.Id}' has an unknown area or difficulty.");
        }

        return s.Answer is { } letterText && ChoiceLetter.TryParse(letterText, out var letter)
            ? Question.MultipleChoice(s.Id, area, difficulty, s.Stem, s.Choices, letter, s.Rationale, s.Reference, s.Tags, s.Source)
            : Question.Typed(s.Id, area, difficulty, s.Stem, s.Accepted, s.Rationale, s.Reference, s.Tags, s.Source);
    }
}

internal sealed record QuestionSnapshot(
    string Id,
    string Area,
    string Difficulty,
    string Stem,
    IReadOnlyList<string> Choices,
    string? Answer,
    IReadOnlyList<string> Accepted,
    string Rationale,
    string? Reference,
    IReadOnlyList<string> Tags,
    string Source);

[JsonSerializable(typeof(QuestionSnapshot))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class QuestionJsonContext : JsonSerializerContext;
