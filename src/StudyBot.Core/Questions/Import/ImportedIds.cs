using System.Security.Cryptography;
using System.Text;

namespace StudyBot.Questions.Import;

/// <summary>
/// Stable ids for imported questions that bring none of their own, so importing the same file again
/// updates the questions in place instead of adding copies.
/// </summary>
public static class ImportedIds
{
    /// <summary>
    /// "imp-" and 12 hex digits of a SHA-256 over the question text, with case and runs of white space
    /// ignored. Editing a question's choices, answer or rationale keeps its id; editing its text makes
    /// it a different question.
    /// </summary>
    public static string FromStem(string stem) => "imp-" + Hash(NormalizeText(stem))[..12];

    /// <summary>
    /// Turns a free-text question name (a GIFT "::name::") into an id: lower case, runs of anything but
    /// a-z and 0-9 become '-'. A name too short gets a "gift-" prefix; one too long is cut and given a
    /// hash suffix so two long names that start alike still differ.
    /// </summary>
    public static string FromName(string name, string shortPrefix)
    {
        var slug = Slug(name);
        if (slug.Length == 0)
        {
            return shortPrefix + Hash(name)[..12];
        }

        if (slug.Length < 3)
        {
            slug = shortPrefix + slug;
        }

        return slug.Length <= 40 ? slug : slug[..31].TrimEnd('-') + "-" + Hash(name)[..8];
    }

    /// <summary>Lower-case words joined by '-', for ids and tags.</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }

    private static string NormalizeText(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
