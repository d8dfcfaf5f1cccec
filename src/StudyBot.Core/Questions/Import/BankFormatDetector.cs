namespace StudyBot.Questions.Import;

/// <summary>
/// Chooses the reader for a file, for <c>studybot bank import|validate</c> and the chat upload command.
/// </summary>
public static class BankFormatDetector
{
    /// <summary>
    /// The reader named by <paramref name="formatName"/> ("yaml", "csv", "gift", "aiken", "red") when it is
    /// given; otherwise by extension. Two extensions are shared, so the content decides: a <c>.yaml</c>/<c>.yml</c>
    /// file without a top-level <c>questions:</c> list is a Red trivia list, and a <c>.txt</c> file with an
    /// answer block in braces is GIFT, otherwise Aiken. Returns null when nothing fits; the caller should
    /// then list <paramref name="readers"/>' format names.
    /// </summary>
    public static IBankFormatReader? Choose(IReadOnlyList<IBankFormatReader> readers, string fileName, string content, string? formatName = null)
    {
        if (!string.IsNullOrWhiteSpace(formatName))
        {
            return readers.FirstOrDefault(r => string.Equals(r.FormatName, formatName.Trim(), StringComparison.OrdinalIgnoreCase));
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var candidates = readers.Where(r => r.Extensions.Contains(extension)).ToList();
        if (candidates.Count <= 1)
        {
            return candidates.FirstOrDefault();
        }

        var preferred = extension switch
        {
            ".yaml" or ".yml" => RedTriviaBankReader.LooksLikeTriviaList(content) ? "red" : "yaml",
            ".txt" => content.Contains('{', StringComparison.Ordinal) ? "gift" : "aiken",
            _ => null,
        };
        return candidates.FirstOrDefault(r => r.FormatName == preferred) ?? candidates[0];
    }
}
